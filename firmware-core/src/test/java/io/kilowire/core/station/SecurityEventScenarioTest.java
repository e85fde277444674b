package io.kilowire.core.station;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.station.logs.StationLog;
import io.kilowire.core.testing.ScriptedCsms;
import io.kilowire.core.testing.StationScenario;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every security event takes one path: into the security log (which GetLog uploads) and to the CSMS
 * as SecurityEventNotification, whichever room raised it (certificates, firmware).
 */
class SecurityEventScenarioTest {
  private static final String NOT_A_CHAIN =
      "-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----";

  @Test
  void aRefusedCertificateSignedLandsInTheSecurityLogAndReachesTheCsms201() {
    StationScenario sc = new StationScenario(OcppVersion.V201);
    sc.startOnline();

    JsonNode answer =
        sc.command("CertificateSigned", "{\"certificateChain\":\"" + NOT_A_CHAIN + "\"}");
    sc.advance(Duration.ofSeconds(5));

    assertThat(answer.path("status").asText()).isEqualTo("Rejected");
    assertThat(securityLog(sc)).anyMatch(l -> l.startsWith("InvalidChargingStationCertificate"));
    assertThat(
            sc.csms.calls("SecurityEventNotification").stream()
                .map(ScriptedCsms.Call::request)
                .map(r -> ((io.kilowire.core.ocpp.v201.SecurityEventNotificationRequest) r).type())
                .toList())
        .containsExactly("InvalidChargingStationCertificate");
  }

  @Test
  void aRefusedCertificateSignedLandsInTheSecurityLogAndReachesTheCsms16() {
    StationScenario sc = new StationScenario(OcppVersion.V16).securityExtension(true);
    sc.startOnline();

    JsonNode answer =
        sc.command("CertificateSigned", "{\"certificateChain\":\"" + NOT_A_CHAIN + "\"}");
    sc.advance(Duration.ofSeconds(5));

    assertThat(answer.path("status").asText()).isEqualTo("Rejected");
    assertThat(securityLog(sc)).anyMatch(l -> l.startsWith("InvalidChargingStationCertificate"));
    // The 1.6 security whitepaper's name for the same event.
    assertThat(
            sc.csms.calls("SecurityEventNotification").stream()
                .map(ScriptedCsms.Call::request)
                .map(r -> ((io.kilowire.core.ocpp.v16.SecurityEventNotificationRequest) r).type())
                .toList())
        .containsExactly("InvalidChargePointCertificate");
  }

  private static List<String> securityLog(StationScenario sc) {
    return sc.station().log().entries(StationLog.Kind.SECURITY, null, null).stream()
        .map(StationLog.Entry::what)
        .toList();
  }
}
