package io.kilowire.core.station.certificates;

/** Which of the station's own certificates a signing request renews. */
public enum SigningKind {
  /** The certificate of the CSMS connection (2.0.1 ChargingStationCertificate). */
  CHARGING_STATION,
  /** The ISO 15118 SECC certificate (2.0.1 V2GCertificate). */
  V2G,
  /** The ISO 15118-20 SECC certificate (2.1 V2G20Certificate), for EVSEs speaking ISO 15118-20. */
  V2G20
}
