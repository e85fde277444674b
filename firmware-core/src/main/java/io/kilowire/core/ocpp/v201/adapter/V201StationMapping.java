package io.kilowire.core.ocpp.v201.adapter;

import io.kilowire.core.authorization.IdentifierType;
import io.kilowire.core.ocpp.v201.ChargingLimitSource;
import io.kilowire.core.ocpp.v201.ConnectorStatus;
import io.kilowire.core.ocpp.v201.IdToken;
import io.kilowire.core.ocpp.v201.IdTokenType;
import io.kilowire.core.station.FaultCode;

/**
 * The station's domain values in OCPP 2.0.1 terms, as {@link V201Gateway} sends them: connector
 * statuses, fault causes as NotifyEvent techCode / techInfo, external-limit sources, tokens. Pure
 * functions.
 */
final class V201StationMapping {
  private V201StationMapping() {}

  /** The cause of a fault as NotifyEvent's techCode. */
  static String techCode(FaultCode cause) {
    return switch (cause) {
      case OVER_CURRENT -> "OverCurrent";
      case GROUND_FAILURE -> "GroundFailure";
      case HIGH_TEMPERATURE -> "HighTemperature";
      case WELDED_CONTACTOR -> "WeldedContactor";
      case CONTACTOR_FAILURE -> "ContactorFailure";
      case OTHER, NONE -> "Other";
    };
  }

  /** The cause of a fault as NotifyEvent's techInfo, for a person. */
  static String techInfo(FaultCode cause) {
    return switch (cause) {
      case OVER_CURRENT -> "EV drew more current than offered";
      case GROUND_FAILURE -> "residual-current or ground fault";
      case HIGH_TEMPERATURE -> "over-temperature";
      case WELDED_CONTACTOR -> "contactor contacts stay closed (welded)";
      case CONTACTOR_FAILURE -> "contactor did not confirm closing";
      case OTHER, NONE -> "hardware fault";
    };
  }

  /** EMS, SO and CSO by name (any case); anything else is Other. */
  static ChargingLimitSource limitSource(String source) {
    for (ChargingLimitSource s : ChargingLimitSource.values()) {
      if (s.value().equalsIgnoreCase(source)) {
        return s;
      }
    }
    return ChargingLimitSource.OTHER;
  }

  /** 2.0.1 reports occupancy; the charging detail travels in TransactionEvent's chargingState. */
  static ConnectorStatus toWire(io.kilowire.core.station.ConnectorStatus status) {
    return switch (status) {
      case AVAILABLE -> ConnectorStatus.AVAILABLE;
      case RESERVED -> ConnectorStatus.RESERVED;
      case UNAVAILABLE -> ConnectorStatus.UNAVAILABLE;
      case FAULTED -> ConnectorStatus.FAULTED;
      default -> ConnectorStatus.OCCUPIED;
    };
  }

  /**
   * A token of the station's type name (enum name or wire value): one 2.0.1 cannot hold (2.1's
   * longer tokens and types) is carried ({@link WideTokens}); an empty type is ISO14443.
   */
  static IdToken token(String idToken, String type) {
    if (type.isEmpty()) {
      return WideTokens.record(idToken, IdTokenType.ISO14443.name());
    }
    // The reader takes a type loosely ("iso14443", "E-MAID"); spell a known one as the wire does,
    // else a 2.0.1 type would be carried as a 2.1 wide token to a 2.0.1 CSMS.
    IdentifierType named = IdentifierType.named(type);
    return WideTokens.record(
        idToken, named != null ? V201AuthorizationMapping.wireType(named) : type);
  }
}
