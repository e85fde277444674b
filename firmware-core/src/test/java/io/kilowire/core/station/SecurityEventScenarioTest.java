package io.kilowire.core.station;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.station.logs.StationLog;
import io.kilowire.core.testing.ScriptedCsms;
import io.kilowire.core.testing.StationScenario;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every security event takes one path: into the security log (which GetLog uploads) and to the CSMS
 * as SecurityEventNotification, whichever room raised it (certificates, firmware).
 */
class SecurityEventScenarioTest {
  private static final String NOT_A_CHAIN =
      "-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----";

  @ParameterizedTest
  @EnumSource(names = {"V16", "V201"})
  void aRefusedCertificateSignedLandsInTheSecurityLogAndReachesTheCsms(OcppVersion version) {
    boolean v16 = version == OcppVersion.V16;
    StationScenario sc = new StationScenario(version).securityExtension(v16);
    sc.startOnline();

    JsonNode answer =
        sc.command("CertificateSigned", "{\"certificateChain\":\"" + NOT_A_CHAIN + "\"}");
    sc.advance(Duration.ofSeconds(5));

    assertThat(answer.path("status").asText()).isEqualTo("Rejected");
    assertThat(securityLog(sc)).anyMatch(l -> l.startsWith("InvalidChargingStationCertificate"));
    // 1.6: the security whitepaper's name for the same event.
    assertThat(
            sc.csms.calls("SecurityEventNotification").stream()
                .map(ScriptedCsms.Call::request)
                .map(
                    r ->
                        v16
                            ? ((io.kilowire.core.ocpp.v16.SecurityEventNotificationRequest) r)
                                .type()
                            : ((io.kilowire.core.ocpp.v201.SecurityEventNotificationRequest) r)
                                .type())
                .toList())
        .containsExactly(
            v16 ? "InvalidChargePointCertificate" : "InvalidChargingStationCertificate");
  }

  private static List<String> securityLog(StationScenario sc) {
    return sc.station().log().entries(StationLog.Kind.SECURITY, null, null).stream()
        .map(StationLog.Entry::what)
        .toList();
  }
}
