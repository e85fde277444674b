package io.kilowire.emulator.station;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.station.display.DisplayMessage;
import io.kilowire.core.testing.TestCsms;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * An emulated 2.0.1 station shows the CSMS's display messages on its simulated screen (O01, O05):
 * what it shows now and every change, for the control API's state and event stream.
 */
class EmulatedDisplayIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void theScreenShowsTheMessageTheCsmsSetsAndGoesBackWhenItIsCleared() {
    String id = "KW-EMU-DISPLAY";
    try (TestCsms csms = TestCsms.start(OcppVersion.V201);
        EmulatedStation station =
            TestStations.oneEvse(csms, id, OcppVersion.V201, null, EmulatedToken.Type.ISO14443)) {
      List<@Nullable String> seen = new CopyOnWriteArrayList<>();
      station.hardware().addDisplayListener(m -> seen.add(m == null ? null : m.content()));
      station.start();
      csms.awaitCall(id, "BootNotification", WAIT);
      await().atMost(WAIT).until(station::isAccepted);

      assertThat(
              csms.call(
                      id,
                      "SetDisplayMessage",
                      "{\"message\":{\"id\":3,\"priority\":\"InFront\",\"message\":"
                          + "{\"format\":\"UTF8\",\"language\":\"de\",\"content\":\"Grüß Gott\"}}}")
                  .at("/status")
                  .asText())
          .isEqualTo("Accepted");
      await().atMost(WAIT).until(() -> station.hardware().displayed() != null);
      DisplayMessage shown = station.hardware().displayed();
      assertThat(shown.id()).isEqualTo(3);
      assertThat(shown.content()).isEqualTo("Grüß Gott");
      assertThat(shown.language()).isEqualTo("de");

      assertThat(csms.call(id, "ClearDisplayMessage", "{\"id\":3}").at("/status").asText())
          .isEqualTo("Accepted");
      await().atMost(WAIT).until(() -> station.hardware().displayed() == null);
      assertThat(seen).containsExactly("Grüß Gott", null);
    }
  }
}
