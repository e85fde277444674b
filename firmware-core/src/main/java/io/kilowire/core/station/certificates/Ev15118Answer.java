package io.kilowire.core.station.certificates;

import java.util.Objects;

/**
 * The CSMS's answer to an EV's certificate installation or update (2.0.1 Get15118EVCertificate):
 * whether it could process it, and the EXI response (Base64) the station hands to the EV.
 */
public record Ev15118Answer(boolean accepted, String exiResponse) {
  public Ev15118Answer {
    Objects.requireNonNull(exiResponse, "exiResponse");
  }
}
