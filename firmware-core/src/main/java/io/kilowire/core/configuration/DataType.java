package io.kilowire.core.configuration;

/**
 * The shape of a value, named after the OCPP 2.0.1 device-model data types; OCPP 1.6
 * comma-separated lists (CSL) are member lists here.
 */
public enum DataType {
  STRING,
  DECIMAL,
  INTEGER,
  DATE_TIME,
  BOOLEAN,
  /** Exactly one value out of a fixed list. */
  OPTION_LIST,
  /** An ordered comma-separated list. */
  SEQUENCE_LIST,
  /** An unordered comma-separated set, each member from a fixed list. */
  MEMBER_LIST
}
