package io.kilowire.emulator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.json.JsonFrameCodec;
import io.kilowire.core.ocpp.v21.NotifyEVChargingNeedsRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How much the sandbox asks a bidirectional EV to feed back, from its needs and the EVSE's V2X. */
class V2xNeedsTest {
  private static final JsonFrameCodec CODEC = new JsonFrameCodec();

  /** An AC EV on EVSE 1 at 230 V, with {@code transfer} and {@code v2x} (a JSON object's body). */
  private static NotifyEVChargingNeedsRequest needs(String transfer, String v2x) {
    return CODEC.decodePayload(
        CODEC.parsePayload(
            "{\"evseId\":1,\"chargingNeeds\":{\"requestedEnergyTransfer\":\""
                + transfer
                + "\",\"acChargingParameters\":{\"energyAmount\":6000,\"evMinCurrent\":6,"
                + "\"evMaxCurrent\":16,\"evMaxVoltage\":230},\"v2xChargingParameters\":{"
                + v2x
                + "}}}"),
        NotifyEVChargingNeedsRequest.class);
  }

  @ParameterizedTest(name = "{0} W at most: {1} A per phase")
  @CsvSource({
    "8280, 12", // 12 A x 230 V x 3 exactly
    "8279, 11", // never beyond: whole amperes down
    "20000, 16", // no more than the sandbox offers for charging
    "600, 0" // less than an ampere on three phases: nothing asked
  })
  void aBidirectionalEvIsAskedForItsMaximumInWholeAmperesPerPhase(int maxW, int amps) {
    NotifyEVChargingNeedsRequest r =
        needs("AC_BPT", "\"maxDischargePower\":" + maxW + ",\"evMinV2XEnergyRequest\":-24000");

    assertThat(V2xNeeds.dischargeAmps(r, new SandboxStation())).isEqualTo(amps);
  }

  @Test
  void anEvNotInABidirectionalSessionOnlyCharges() {
    NotifyEVChargingNeedsRequest r = needs("AC_three_phase", "\"maxDischargePower\":8280");

    assertThat(V2xNeeds.dischargeAmps(r, new SandboxStation())).isZero();
  }

  @Test
  void anEvAtItsV2xFloorOnlyCharges() {
    NotifyEVChargingNeedsRequest r =
        needs("AC_BPT", "\"maxDischargePower\":8280,\"evMinV2XEnergyRequest\":500");

    assertThat(V2xNeeds.dischargeAmps(r, new SandboxStation())).isZero();
  }

  @Test
  void anEvWhoseLeastDischargeIsMoreThanItWouldBeAskedOnlyCharges() {
    NotifyEVChargingNeedsRequest r =
        needs("AC_BPT", "\"maxDischargePower\":8279,\"minDischargePower\":8000");

    // 11 A on three phases is 7590 W, below the 8000 W it feeds back at least
    assertThat(V2xNeeds.dischargeAmps(r, new SandboxStation())).isZero();
  }

  @Test
  void anEvseWhoseV2xIsSwitchedOffOrWithoutCentralSetpointIsNotAsked() {
    NotifyEVChargingNeedsRequest r = needs("AC_BPT", "\"maxDischargePower\":8280");
    SandboxStation off = new SandboxStation();
    off.v2xEnabled.put(1, false);
    SandboxStation noSetpoint = new SandboxStation();
    noSetpoint.operationModes.put(1, List.of("ChargingOnly", "ExternalLimits"));
    SandboxStation on = new SandboxStation();
    on.v2xEnabled.put(1, true);
    on.operationModes.put(1, List.of("ChargingOnly", "CentralSetpoint"));

    assertThat(V2xNeeds.dischargeAmps(r, off)).isZero();
    assertThat(V2xNeeds.dischargeAmps(r, noSetpoint)).isZero();
    assertThat(V2xNeeds.dischargeAmps(r, on)).isEqualTo(12);
  }
}
