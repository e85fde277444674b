package io.kilowire.core.loadmanagement;

import java.time.Instant;

/**
 * A demand-response signal: keep the EVs' total at or below {@code limitKw} until {@code until}.
 * The station surfaces it as an external constraint (2.0.1 ChargingStationExternalConstraints and
 * NotifyChargingLimit).
 *
 * @param limitKw the EVs' total, all phases
 * @param until when the request ends
 * @param source who asked (EMS, SO, ...), for the report
 */
public record DemandResponse(double limitKw, Instant until, String source) {
  public DemandResponse {
    if (!(limitKw >= 0) || !Double.isFinite(limitKw)) {
      throw new IllegalArgumentException("demand response limitKw must be finite and >= 0");
    }
  }
}
