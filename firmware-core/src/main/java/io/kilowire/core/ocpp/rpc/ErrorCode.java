package io.kilowire.core.ocpp.rpc;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.model.ViolationKind;
import java.util.Optional;

/**
 * CALLERROR codes with their spelling per version. OCPP-J 1.6 keeps its misspelt {@code
 * FormationViolation} and {@code OccurenceConstraintViolation} (OCPP-J 1.6 errata 5.1/5.2: not to
 * be fixed); 2.0.1 spells them {@code FormatViolation} and {@code OccurrenceConstraintViolation}
 * and adds {@code MessageTypeNotSupported} and {@code RpcFrameworkError} (OCPP-J 2.0.1 table 8).
 */
public enum ErrorCode {
  /** The action is not known to the receiver. */
  NOT_IMPLEMENTED("NotImplemented", "NotImplemented"),
  /** The action is known but not supported by the receiver. */
  NOT_SUPPORTED("NotSupported", "NotSupported"),
  INTERNAL_ERROR("InternalError", "InternalError"),
  /** 1.6: payload incomplete; 2.0.1: payload does not conform to the PDU structure. */
  PROTOCOL_ERROR("ProtocolError", "ProtocolError"),
  SECURITY_ERROR("SecurityError", "SecurityError"),
  /** The payload is syntactically incorrect. */
  FORMAT_VIOLATION("FormationViolation", "FormatViolation"),
  /** A field holds a value that is not allowed. */
  PROPERTY_CONSTRAINT_VIOLATION("PropertyConstraintViolation", "PropertyConstraintViolation"),
  /** A field occurs too often or too rarely (a missing required field). */
  OCCURRENCE_CONSTRAINT_VIOLATION("OccurenceConstraintViolation", "OccurrenceConstraintViolation"),
  /** A field has the wrong data type. */
  TYPE_CONSTRAINT_VIOLATION("TypeConstraintViolation", "TypeConstraintViolation"),
  GENERIC_ERROR("GenericError", "GenericError"),
  /** 2.0.1+: a message type number the receiver does not support. */
  MESSAGE_TYPE_NOT_SUPPORTED(null, "MessageTypeNotSupported"),
  /** 2.0.1+: not a valid RPC request, e.g. the message id cannot be read. */
  RPC_FRAMEWORK_ERROR(null, "RpcFrameworkError");

  private final String v16;
  private final String v201;

  ErrorCode(String v16, String v201) {
    this.v16 = v16;
    this.v201 = v201;
  }

  /** The spelling for a version; codes a version lacks fall back to its nearest equivalent. */
  public String wireName(OcppVersion version) {
    if (version == OcppVersion.V16) {
      return v16 != null
          ? v16
          : (this == RPC_FRAMEWORK_ERROR ? PROTOCOL_ERROR.v16 : GENERIC_ERROR.v16);
    }
    return v201;
  }

  /** Reads a code as a peer sent it, accepting either version's spelling. */
  public static Optional<ErrorCode> fromWire(String name) {
    for (ErrorCode c : values()) {
      if (name.equals(c.v201) || name.equals(c.v16)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /**
   * The code for a payload that breaks its schema. An unknown property is a payload that does not
   * conform to the PDU structure: in 1.6 that is {@code FormationViolation} ("syntactically
   * incorrect or not conform the PDU structure"), in 2.0.1 {@code ProtocolError} ("not conform the
   * PDU structure").
   */
  public static ErrorCode forViolation(ViolationKind kind, OcppVersion version) {
    return switch (kind) {
      case SYNTAX -> FORMAT_VIOLATION;
      case STRUCTURE -> version == OcppVersion.V16 ? FORMAT_VIOLATION : PROTOCOL_ERROR;
      case OCCURRENCE -> OCCURRENCE_CONSTRAINT_VIOLATION;
      case TYPE -> TYPE_CONSTRAINT_VIOLATION;
      case VALUE -> PROPERTY_CONSTRAINT_VIOLATION;
    };
  }
}
