package io.kilowire.core.ocpp.v21.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kilowire.core.ocpp.v21.ChargingNeeds;
import io.kilowire.core.ocpp.v21.EnergyTransferMode;
import io.kilowire.core.ocpp.v21.NotifyEVChargingNeedsRequest;
import io.kilowire.core.ocpp.v21.adapter.V21Translation.Mode;
import org.junit.jupiter.api.Test;

/** A bidirectional EV's charging needs read by a CSMS that works in 2.0.1 terms (the sandbox). */
class V21ChargingNeedsTest {
  private static final NotifyEVChargingNeedsRequest BPT =
      NotifyEVChargingNeedsRequest.of(1, ChargingNeeds.of(EnergyTransferMode.AC_BPT));

  @Test
  void aLenientReaderSeesABidirectionalAcEvAsAnAcEv() {
    var read =
        V21Translation.translate(
            BPT, io.kilowire.core.ocpp.v201.NotifyEVChargingNeedsRequest.class, Mode.LENIENT);

    assertThat(read.chargingNeeds().requestedEnergyTransfer())
        .isEqualTo(io.kilowire.core.ocpp.v201.EnergyTransferMode.AC_THREE_PHASE);
  }

  @Test
  void aStrictReaderRefusesItByName() {
    assertThatThrownBy(
            () ->
                V21Translation.translate(
                    BPT,
                    io.kilowire.core.ocpp.v201.NotifyEVChargingNeedsRequest.class,
                    Mode.STRICT))
        .isInstanceOf(Untranslatable.class)
        .hasMessageContaining("AC_BPT");
  }
}
