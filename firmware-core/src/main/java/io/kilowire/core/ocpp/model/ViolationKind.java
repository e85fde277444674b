package io.kilowire.core.ocpp.model;

/**
 * What is wrong with a payload. Each kind maps to one CALLERROR code per OCPP version (see {@code
 * io.kilowire.core.ocpp.rpc.ErrorCode#forViolation}).
 */
public enum ViolationKind {
  /** Not valid JSON, or not a JSON object where the action's payload must be one. */
  SYNTAX,
  /** A property the schema does not define (the schemas forbid additional properties). */
  STRUCTURE,
  /** A required field is missing, or a list has too few or too many elements. */
  OCCURRENCE,
  /**
   * A JSON value of the wrong type: a string for a number, a fraction for an integer, a bad date.
   */
  TYPE,
  /** A well-typed value that is not allowed: too long, outside an enum, out of range. */
  VALUE
}
