package io.kilowire.core.station;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.StationScenario;
import io.kilowire.core.testing.VirtualLink;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * TriggerMessage on a 2.1 station: 2.1's new kinds (SignV2G20Certificate, CustomTrigger) are
 * answered NotImplemented, never with a CALLERROR, unless the station has them: one whose EVSEs
 * speak ISO 15118-20 sends a CSR for its V2G20Certificate; the kinds 2.0.1 has work as there, and a
 * customTrigger beside another kind changes nothing.
 */
@DisplayName("2.1 TriggerMessage: the new kinds")
class TriggerMessage21Test {
  private static StationScenario station() {
    StationScenario sc = new StationScenario(OcppVersion.V21);
    sc.startOnline();
    return sc;
  }

  private static long sent(StationScenario sc, String action) {
    return sc.link.frames().stream()
        .filter(VirtualLink.Crossing::fromStation)
        .filter(c -> c.frame().startsWith("[2,") && c.frame().contains("\"" + action + "\""))
        .count();
  }

  @Test
  @DisplayName("SignV2G20Certificate and CustomTrigger: NotImplemented, with a reason")
  void newKindsAreNotImplemented() {
    StationScenario sc = station();

    JsonNode v2g20 =
        sc.command("TriggerMessage", "{\"requestedMessage\":\"SignV2G20Certificate\"}");
    JsonNode custom =
        sc.command(
            "TriggerMessage",
            "{\"requestedMessage\":\"CustomTrigger\",\"customTrigger\":\"com.example.Foo\"}");

    assertThat(v2g20.path("status").asText()).isEqualTo("NotImplemented");
    assertThat(v2g20.path("statusInfo").path("reasonCode").asText()).isNotEmpty();
    assertThat(custom.path("status").asText()).isEqualTo("NotImplemented");
    assertThat(custom.path("statusInfo").path("additionalInfo").asText())
        .contains("com.example.Foo");
  }

  @Test
  @DisplayName("SignV2G20Certificate on a station speaking ISO 15118-20: a V2G20 CSR follows")
  void aStationSpeakingIso15118Dash20SignsAV2g20Certificate() {
    StationScenario sc = station();
    sc.hardware.iso15118Dash20(true);

    JsonNode v2g20 =
        sc.command("TriggerMessage", "{\"requestedMessage\":\"SignV2G20Certificate\"}");
    sc.settle();

    assertThat(v2g20.path("status").asText()).isEqualTo("Accepted");
    assertThat(
            sc.link.frames().stream()
                .filter(VirtualLink.Crossing::fromStation)
                .map(VirtualLink.Crossing::frame)
                .filter(f -> f.startsWith("[2,") && f.contains("\"SignCertificate\""))
                .toList())
        .singleElement()
        .satisfies(f -> assertThat(f).contains("\"certificateType\":\"V2G20Certificate\""));
  }

  @Test
  @DisplayName("a 2.0.1 kind works as on 2.0.1; a customTrigger beside it is ignored")
  void sharedKindsWork() {
    StationScenario sc = station();
    long before = sent(sc, "Heartbeat");

    JsonNode heartbeat =
        sc.command(
            "TriggerMessage", "{\"requestedMessage\":\"Heartbeat\",\"customTrigger\":\"x\"}");
    sc.settle();

    assertThat(heartbeat.path("status").asText()).isEqualTo("Accepted");
    assertThat(sent(sc, "Heartbeat")).isEqualTo(before + 1);
    assertThat(
            sc.command(
                    "TriggerMessage",
                    "{\"requestedMessage\":\"StatusNotification\",\"evse\":{\"id\":9}}")
                .path("status")
                .asText())
        .isEqualTo("Rejected");
  }
}
