package io.kilowire.core.ocpp.model;

/** A schema enum: each constant carries its exact wire spelling. */
public interface OcppEnum {
  /** The value as written on the wire, e.g. {@code "SuspendedEVSE"}. */
  String value();
}
