package io.kilowire.core.station;

import static io.kilowire.core.testing.StationScenario.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.StationScenario;
import io.kilowire.core.testing.VirtualLink;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * OCPP 2.1 Reset ImmediateAndResume (B13): the station reboots without ending its transactions and
 * takes them up again (TransactionEvent Updated, triggerReason TxResumed, the same transactionId);
 * energy flows again only with AllowEnergyTransferResumption; a station whose ResumptionTimeout is
 * 0 refuses the reset and keeps charging. A power loss (E17) is taken the same way: within
 * ResumptionTimeout the transaction goes on after the restart, else it ends as PowerLoss.
 */
@DisplayName("2.1 Reset ImmediateAndResume")
class ResumingResetScenarioTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static StationScenario charging(int resumptionTimeoutSeconds, boolean energy) {
    StationScenario sc =
        new StationScenario(OcppVersion.V21, 2, StationParameters.Fixed.defaults());
    sc.startOnline();
    sc.station()
        .resumption()
        .configure(() -> Duration.ofSeconds(resumptionTimeoutSeconds), () -> energy);
    sc.startCharging(1, TOKEN, 16);
    return sc;
  }

  private static String reset(StationScenario sc, String json) {
    return sc.command("Reset", json).path("status").asText();
  }

  @Test
  @DisplayName("ResumptionTimeout 0: Rejected, no reboot, the transaction charges on")
  void withoutResumptionTheResetIsRejected() {
    StationScenario sc = charging(0, true);
    String id = sc.station().transaction(1).orElseThrow().id();

    assertThat(reset(sc, "{\"type\":\"ImmediateAndResume\"}")).isEqualTo("Rejected");
    sc.advance(Duration.ofSeconds(10));

    assertThat(sc.events()).noneMatch(e -> e.startsWith("reboot"));
    assertThat(sc.station().transaction(1)).hasValueSatisfying(t -> t.id().equals(id));
    assertThat(sc.hardware.offered(1)).isTrue();
    assertThat(sc.hardware.read(1).currentA().l1()).isEqualTo(16.0);
  }

  @Test
  @DisplayName("energy not allowed: one reboot, TxResumed SuspendedEVSE, the EV gets nothing")
  void aResumedTransactionWithoutEnergyResumptionStaysSuspended() {
    StationScenario sc = charging(60, false);
    String id = sc.station().transaction(1).orElseThrow().id();

    assertThat(reset(sc, "{\"type\":\"ImmediateAndResume\"}")).isEqualTo("Accepted");
    sc.advance(Duration.ofSeconds(10));

    assertThat(sc.events()).containsExactly("reboot hard");
    assertThat(sc.csms.calls("BootNotification")).hasSize(2);
    assertThat(transactionEvents(sc, "Ended")).isEmpty();
    JsonNode resumed = resumedEvent(sc);
    assertThat(resumed.at("/transactionInfo/transactionId").asText()).isEqualTo(id);
    assertThat(resumed.at("/transactionInfo/chargingState").asText()).isEqualTo("SuspendedEVSE");
    assertThat(resumed.has("customData")).as("no marker reaches the CSMS").isFalse();
    assertThat(sc.station().transaction(1)).hasValueSatisfying(t -> t.id().equals(id));
    // At the outputs: no energy offered, the EV draws nothing.
    assertThat(sc.hardware.offered(1)).isFalse();
    assertThat(sc.hardware.read(1).currentA().l1()).isZero();
  }

  @Test
  @DisplayName("energy allowed: TxResumed Charging, the EV draws again")
  void aResumedTransactionWithEnergyResumptionChargesAgain() {
    StationScenario sc = charging(60, true);
    String id = sc.station().transaction(1).orElseThrow().id();

    assertThat(reset(sc, "{\"type\":\"ImmediateAndResume\"}")).isEqualTo("Accepted");
    sc.advance(Duration.ofSeconds(10));

    JsonNode resumed = resumedEvent(sc);
    assertThat(resumed.at("/transactionInfo/transactionId").asText()).isEqualTo(id);
    assertThat(resumed.at("/transactionInfo/chargingState").asText()).isEqualTo("Charging");
    assertThat(transactionEvents(sc, "Ended")).isEmpty();
    assertThat(sc.hardware.outputs()).contains("energy 1 off");
    assertThat(sc.hardware.offered(1)).isTrue();
    assertThat(sc.hardware.read(1).currentA().l1()).isEqualTo(16.0);
    // It ends as any transaction does, with its own id.
    sc.station().presentToken(1, TOKEN, "ISO14443");
    sc.settle();
    assertThat(transactionEvents(sc, "Ended"))
        .singleElement()
        .satisfies(e -> assertThat(e.at("/transactionInfo/transactionId").asText()).isEqualTo(id));
  }

  @Test
  @DisplayName("one EVSE: it resets alone, its transaction resumes, no reboot, energy as allowed")
  void oneEvseResetsAloneAndItsTransactionResumes() {
    StationScenario sc = charging(60, true);
    String id = sc.station().transaction(1).orElseThrow().id();

    assertThat(reset(sc, "{\"type\":\"ImmediateAndResume\",\"evseId\":1}")).isEqualTo("Accepted");
    sc.advance(Duration.ofSeconds(10));

    // The station stays up on its connection: no reboot, no second BootNotification.
    assertThat(sc.events()).noneMatch(e -> e.startsWith("reboot"));
    assertThat(sc.csms.calls("BootNotification")).hasSize(1);
    assertThat(transactionEvents(sc, "Ended")).isEmpty();
    JsonNode resumed = resumedEvent(sc);
    assertThat(resumed.at("/transactionInfo/transactionId").asText()).isEqualTo(id);
    assertThat(resumed.at("/evse/id").asInt(1)).isEqualTo(1);
    assertThat(resumed.at("/transactionInfo/chargingState").asText()).isEqualTo("Charging");
    // At the output: the EVSE's reset cut its energy, and energy flows again.
    assertThat(sc.hardware.outputs()).contains("energy 1 off");
    assertThat(sc.hardware.offered(1)).isTrue();
    assertThat(sc.hardware.read(1).currentA().l1()).isEqualTo(16.0);
    assertThat(sc.station().transaction(1)).hasValueSatisfying(t -> t.id().equals(id));
  }

  @Test
  @DisplayName("one EVSE, energy not allowed: TxResumed SuspendedEVSE, its EV gets nothing")
  void oneEvseWithoutEnergyResumptionStaysSuspended() {
    StationScenario sc = charging(60, false);

    assertThat(reset(sc, "{\"type\":\"ImmediateAndResume\",\"evseId\":1}")).isEqualTo("Accepted");
    sc.advance(Duration.ofSeconds(10));

    assertThat(sc.events()).noneMatch(e -> e.startsWith("reboot"));
    assertThat(resumedEvent(sc).at("/transactionInfo/chargingState").asText())
        .isEqualTo("SuspendedEVSE");
    assertThat(sc.hardware.offered(1)).isFalse();
    assertThat(sc.hardware.read(1).currentA().l1()).isZero();
  }

  @Test
  @DisplayName("one EVSE: an idle one Accepted, nothing else; unknown or no resumption Rejected")
  void oneEvseIdleUnknownOrWithoutResumption() {
    StationScenario sc = charging(60, true);

    assertThat(reset(sc, "{\"type\":\"ImmediateAndResume\",\"evseId\":2}")).isEqualTo("Accepted");
    assertThat(reset(sc, "{\"type\":\"ImmediateAndResume\",\"evseId\":3}")).isEqualTo("Rejected");
    sc.advance(Duration.ofSeconds(10));
    assertThat(sc.events()).noneMatch(e -> e.startsWith("reboot"));
    assertThat(transactionEvents(sc, "Updated"))
        .noneMatch(e -> e.path("triggerReason").asText().equals("TxResumed"));
    assertThat(sc.hardware.read(1).currentA().l1()).isEqualTo(16.0);

    StationScenario none = charging(0, true);
    assertThat(reset(none, "{\"type\":\"ImmediateAndResume\",\"evseId\":1}")).isEqualTo("Rejected");
    none.advance(Duration.ofSeconds(10));
    assertThat(none.hardware.read(1).currentA().l1()).isEqualTo(16.0);
  }

  @Test
  @DisplayName("no transaction: Accepted and one reboot")
  void withoutATransactionTheStationRebootsOnce() {
    StationScenario sc =
        new StationScenario(OcppVersion.V21, 2, StationParameters.Fixed.defaults());
    sc.startOnline();
    sc.station().resumption().configure(() -> Duration.ofSeconds(300), () -> false);

    assertThat(reset(sc, "{\"type\":\"ImmediateAndResume\"}")).isEqualTo("Accepted");
    sc.advance(Duration.ofSeconds(10));

    assertThat(sc.events()).containsExactly("reboot hard");
    assertThat(transactionEvents(sc, "Updated")).isEmpty();
  }

  @Test
  @DisplayName("power loss within ResumptionTimeout: TxResumed after the restart (E17)")
  void aPowerLossWithinTheTimeoutResumesTheTransactionAfterTheRestart() {
    StationScenario sc = chargingThroughPowerLoss();
    String id = sc.station().transaction(1).orElseThrow().id();

    sc.powerLoss();
    sc.advance(Duration.ofSeconds(20));
    sc.startOnline();
    sc.settle();

    JsonNode resumed = resumedEvent(sc);
    assertThat(resumed.at("/transactionInfo/transactionId").asText()).isEqualTo(id);
    assertThat(resumed.at("/transactionInfo/chargingState").asText()).isEqualTo("Charging");
    assertThat(transactionEvents(sc, "Ended")).isEmpty();
    assertThat(sc.hardware.offered(1)).isTrue();
    assertThat(sc.hardware.read(1).currentA().l1()).isEqualTo(16.0);
  }

  @Test
  @DisplayName("power loss longer than ResumptionTimeout: Ended, PowerLoss, AbnormalCondition")
  void aPowerLossLongerThanTheTimeoutEndsTheTransaction() {
    StationScenario sc = chargingThroughPowerLoss();
    String id = sc.station().transaction(1).orElseThrow().id();

    sc.powerLoss();
    sc.advance(Duration.ofMinutes(5));
    sc.startOnline();
    sc.settle();

    assertThat(transactionEvents(sc, "Updated"))
        .noneMatch(u -> u.path("triggerReason").asText().equals("TxResumed"));
    assertThat(transactionEvents(sc, "Ended"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.at("/transactionInfo/transactionId").asText()).isEqualTo(id);
              assertThat(e.at("/transactionInfo/stoppedReason").asText()).isEqualTo("PowerLoss");
              assertThat(e.path("triggerReason").asText()).isEqualTo("AbnormalCondition");
            });
    assertThat(sc.hardware.offered(1)).isFalse();
  }

  /** A 2.1 station resuming within 60 s with energy, its EV charging on EVSE 1. */
  private static StationScenario chargingThroughPowerLoss() {
    StationScenario sc =
        new StationScenario(OcppVersion.V21, 2, StationParameters.Fixed.defaults())
            .beforeStart(s -> s.resumption().configure(() -> Duration.ofSeconds(60), () -> true));
    sc.startOnline();
    sc.startCharging(1, TOKEN, 16);
    return sc;
  }

  private static JsonNode resumedEvent(StationScenario sc) {
    List<JsonNode> resumed =
        transactionEvents(sc, "Updated").stream()
            .filter(u -> u.path("triggerReason").asText().equals("TxResumed"))
            .toList();
    assertThat(resumed).hasSize(1);
    return resumed.get(0);
  }

  private static List<JsonNode> transactionEvents(StationScenario sc, String eventType) {
    return sc.link.frames().stream()
        .filter(VirtualLink.Crossing::fromStation)
        .map(c -> read(c.frame()))
        .filter(f -> f.get(0).asInt() == 2 && f.get(2).asText().equals("TransactionEvent"))
        .map(f -> f.get(3))
        .filter(p -> p.path("eventType").asText().equals(eventType))
        .toList();
  }

  private static JsonNode read(String frame) {
    try {
      return JSON.readTree(frame);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
