package io.kilowire.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.configuration.DeviceModel;
import io.kilowire.core.configuration.DeviceVariable;
import io.kilowire.core.configuration.Mutability;
import io.kilowire.core.configuration.StationLayout;
import io.kilowire.core.configuration.V21DerVariables;
import io.kilowire.core.configuration.V21SmartChargingVariables;
import io.kilowire.core.configuration.V21TariffCostVariables;
import io.kilowire.core.configuration.V21TxVariables;
import io.kilowire.core.configuration.V21V2xVariables;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.scheduling.VirtualScheduler;
import io.kilowire.core.testing.FakeHardware;
import io.kilowire.core.transport.TransportConfig;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A 2.1 station's V2XChargingCtrlr: the variables it lists, what they read, what Enabled does. */
class V2xSwitchTest {
  private static final StationLayout TWO_EVSES =
      new StationLayout(
          "Kilowire",
          "KW-1",
          List.of(
              new StationLayout.Evse(
                  1,
                  BigDecimal.valueOf(22_000),
                  3,
                  List.of(new StationLayout.Connector(1, "cType2"))),
              new StationLayout.Evse(
                  2,
                  BigDecimal.valueOf(7_400),
                  1,
                  List.of(new StationLayout.Connector(1, "cType2")))));

  private final FakeHardware hardware = new FakeHardware(new VirtualScheduler(Instant.EPOCH));

  private static DeviceModel model() {
    return model(new io.kilowire.core.configuration.InMemoryConfigurationStore());
  }

  private static DeviceModel model(io.kilowire.core.configuration.ConfigurationStore store) {
    DeviceModel.Builder builder = DeviceModel.builder(TWO_EVSES).store(store);
    V21V2xVariables.all(TWO_EVSES).forEach(builder::add);
    return builder.build();
  }

  @Test
  @DisplayName("Enabled false: the EVSE cannot discharge now, whatever its EV; the rest passes")
  void theSwitchTakesAwayOnlyTheDischarge() {
    hardware.bidirectional(1, true);
    hardware.evInBptSession(1, true);
    DeviceModel model = model();
    var switched = V2xSwitch.switched(hardware, V2xSwitch.enabledIn(model));
    assertThat(switched.canDischarge(1)).isTrue();

    model.configuration().set(V21V2xVariables.enabled(1).actual(), false);

    assertThat(switched.canDischarge(1)).isFalse();
    assertThat(switched.bidirectional(1)).as("the hardware still can").isTrue();
    switched.offerDischarge(1, 0, null);
    switched.offerCurrent(1, 16);
    assertThat(hardware.offeredCurrent(1)).isEqualTo(16.0);
    assertThat(hardware.offeredDischarge(1)).isEqualTo(0.0);
  }

  @Test
  @DisplayName("switched off, the EVSE stays off after a restart")
  void theSwitchIsKeptAcrossARestart() {
    hardware.bidirectional(1, true);
    hardware.evInBptSession(1, true);
    var store = new io.kilowire.core.configuration.InMemoryConfigurationStore();
    model(store).configuration().set(V21V2xVariables.enabled(1).actual(), false);

    DeviceModel restarted = model(store);
    assertThat(restarted.get(V21V2xVariables.enabled(1))).isFalse();
    assertThat(V2xSwitch.switched(hardware, V2xSwitch.enabledIn(restarted)).canDischarge(1))
        .isFalse();
  }

  @Test
  @DisplayName("a model without the variables (2.0.1) switches nothing off")
  void withoutTheVariablesNothingIsSwitched() {
    hardware.bidirectional(1, true);
    hardware.evInBptSession(1, true);
    DeviceModel model = DeviceModel.builder(TWO_EVSES).build();
    assertThat(V2xSwitch.switched(hardware, V2xSwitch.enabledIn(model)).canDischarge(1)).isTrue();
  }

  @Test
  @DisplayName(
      "Available, modes and transfer modes read the hardware; a bidirectional EVSE adds BPT")
  void theLiveVariablesReadWhatTheEvseCanDo() {
    hardware.bidirectional(1, true);
    DeviceModel model = model();
    V2xSwitch.bind(model, TWO_EVSES, hardware, () -> {});

    assertThat(model.get(V21V2xVariables.available(1))).isTrue();
    assertThat(model.get(V21V2xVariables.available(2))).isFalse();
    assertThat(model.get(V21V2xVariables.supportedEnergyTransferModes(1)))
        .containsExactly("AC_three_phase", "AC_BPT");
    assertThat(model.get(V21V2xVariables.supportedEnergyTransferModes(2)))
        .containsExactly("AC_single_phase");
    assertThat(model.get(V21V2xVariables.supportedOperationModes(1)))
        .contains("ChargingOnly", "Idle", "CentralSetpoint", "ExternalLimits");
    assertThat(model.get(V21V2xVariables.supportedOperationModes(2)))
        .contains("ChargingOnly", "ExternalLimits")
        .doesNotContain("CentralSetpoint");

    hardware.bidirectional(2, true); // read when asked, not when bound
    assertThat(model.get(V21V2xVariables.available(2))).isTrue();
  }

  @Test
  @DisplayName(
      "the frequency modes are listed on a bidirectional EVSE; LocalFrequency with a sensor")
  void theFrequencyModesFollowTheGridSensor() {
    hardware.bidirectional(1, true);
    DeviceModel model = model();
    V2xSwitch.bind(model, TWO_EVSES, hardware, () -> {});

    assertThat(model.get(V21V2xVariables.supportedOperationModes(1)))
        .contains("ExternalSetpoint", "CentralFrequency")
        .doesNotContain("LocalFrequency");
    assertThat(model.get(V21V2xVariables.supportedOperationModes(2)))
        .doesNotContain("ExternalSetpoint", "CentralFrequency", "LocalFrequency");

    hardware.grid(io.kilowire.core.der.GridState.of(50, 100)); // the station reads the grid now
    assertThat(model.get(V21V2xVariables.supportedOperationModes(1))).contains("LocalFrequency");
  }

  @Test
  @DisplayName(
      "a change of Enabled has the station apply its limits again; a write of the same not")
  void aChangeOfEnabledReachesTheOutputs() {
    DeviceModel model = model();
    AtomicInteger applied = new AtomicInteger();
    V2xSwitch.bind(model, TWO_EVSES, hardware, applied::incrementAndGet);

    model.configuration().set(V21V2xVariables.enabled(2).actual(), true);
    assertThat(applied).hasValue(0);
    model.configuration().set(V21V2xVariables.enabled(2).actual(), false);
    assertThat(applied).hasValue(1);
  }

  @Test
  @DisplayName("only Enabled is writable, and it is kept across restarts; the rest is read-only")
  void mutability() {
    for (DeviceVariable<?> v : V21V2xVariables.all(TWO_EVSES)) {
      boolean enabled = v.variable().name().equals("Enabled");
      assertThat(v.actual().mutability())
          .as(v.toString())
          .isEqualTo(enabled ? Mutability.READ_WRITE : Mutability.READ_ONLY);
      assertThat(v.actual().stored()).as(v.toString()).isEqualTo(enabled);
      assertThat(v.component().evseId()).as(v.toString()).isNotNull();
    }
  }

  @Test
  @DisplayName(
      "a 2.0.1 station reports exactly the 2.0.1 model; a 2.1 station adds V2XChargingCtrlr")
  void theTwoZeroOneModelIsUnchanged() {
    List<DeviceVariable<?>> v201 = runtimeModel(OcppVersion.V201).variables();
    List<DeviceVariable<?>> v21 = runtimeModel(OcppVersion.V21).variables();

    assertThat(v201)
        .noneMatch(v -> v.component().name().equals(V21V2xVariables.NAME))
        .doesNotContainAnyElementsOf(V21SmartChargingVariables.ALL)
        .doesNotContainAnyElementsOf(V21TariffCostVariables.ALL)
        .doesNotContainAnyElementsOf(V21DerVariables.ALL)
        .doesNotContainAnyElementsOf(V21TxVariables.ALL);
    // Compared by address: a variable built twice need not be equal (its rules are objects).
    assertThat(v21)
        .extracting(Object::toString)
        .containsAll(v201.stream().map(Object::toString).toList());
    assertThat(v21)
        .filteredOn(v -> v.component().equals(V21V2xVariables.component(1)))
        .extracting(v -> v.variable().name())
        .containsExactly(
            "Available", "Enabled", "SupportedOperationModes", "SupportedEnergyTransferModes");
  }

  private DeviceModel runtimeModel(OcppVersion version) {
    TransportConfig config =
        TransportConfig.builder()
            .csmsUrl(URI.create("ws://127.0.0.1:9"))
            .stationId("KW-V2X")
            .ocppVersions(version)
            .securityProfile(0)
            .build();
    try (StationRuntime runtime = StationRuntime.builder(config, hardware).build()) {
      return java.util.Objects.requireNonNull(runtime.deviceModel());
    }
  }
}
