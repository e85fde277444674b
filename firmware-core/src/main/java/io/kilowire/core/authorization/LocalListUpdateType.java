package io.kilowire.core.authorization;

/** How a SendLocalList request changes the list (1.6 UpdateType, 2.0.1 UpdateEnumType). */
public enum LocalListUpdateType {
  /** The entries replace the whole list. */
  FULL,
  /** The entries change the list: with info they add or update, without info they remove. */
  DIFFERENTIAL
}
