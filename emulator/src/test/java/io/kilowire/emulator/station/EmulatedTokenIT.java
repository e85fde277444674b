package io.kilowire.emulator.station;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.TestCsms;
import io.kilowire.core.testing.TestCsms.Received;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What an emulated EV presents reaches a CSMS over a real WebSocket as a token valid for its type:
 * by default an ISO14443 UID (4 or 7 bytes, 8 or 14 hexadecimal characters), which a strict CSMS
 * (CitrineOS) checks, and which fits a 1.6 idTag (CiString20).
 */
class EmulatedTokenIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void theDefaultTokenIsAnIso14443Uid(OcppVersion version) {
    String id = "KW-EMU-" + version.name();
    try (TestCsms csms = TestCsms.start(version);
        EmulatedStation station =
            TestStations.oneEvse(csms, id, version, null, EmulatedToken.Type.ISO14443)) {
      station.start();
      TestStations.arriveOnceAccepted(csms, id, station);

      Received authorize = csms.awaitCall(id, "Authorize", WAIT);

      if (version == OcppVersion.V16) {
        assertThat(authorize.at("/idTag").asText()).matches("[0-9A-F]{8}|[0-9A-F]{14}");
      } else {
        assertThat(authorize.at("/idToken/type").asText()).isEqualTo("ISO14443");
        assertThat(authorize.at("/idToken/idToken").asText()).matches("[0-9A-F]{8}|[0-9A-F]{14}");
      }
    }
  }
}
