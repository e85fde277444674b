package io.kilowire.emulator.sandbox;

import io.kilowire.core.ocpp.v21.ACChargingParameters;
import io.kilowire.core.ocpp.v21.ChargingNeeds;
import io.kilowire.core.ocpp.v21.EnergyTransferMode;
import io.kilowire.core.ocpp.v21.NotifyEVChargingNeedsRequest;
import io.kilowire.core.ocpp.v21.V2XChargingParameters;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * How much the sandbox asks a bidirectional EV to feed back when it answers the EV's charging needs
 * (2.1 block Q; {@link SandboxCsms#feedBackOnNeeds}), with {@link DischargeProgramme#profile}'s
 * TxProfile in CentralSetpoint. Only where the needs allow it: the EV and the station agreed on AC
 * bidirectional transfer, the EV gave its maximum discharge power and has energy above the floor it
 * keeps for V2X, and the station did not say (V2XChargingCtrlr of the EVSE, as the sandbox read or
 * set it) that V2X is switched off or that it does not run CentralSetpoint. The current stays
 * within the EV's maximum on the profile's three phases (a single-phase EV is asked for a third of
 * what it could give: safe, never beyond).
 */
final class V2xNeeds {
  /** The phases a profile without numberPhases means on AC. */
  private static final int PHASES = 3;

  /** The voltage per phase taken when the EV gives none. */
  private static final BigDecimal NOMINAL_VOLTAGE_V = BigDecimal.valueOf(230);

  private static final Set<EnergyTransferMode> AC_BIDIRECTIONAL =
      Set.of(EnergyTransferMode.AC_BPT, EnergyTransferMode.AC_BPT_DER);

  private V2xNeeds() {}

  /** Whole amperes per phase to ask the EV to feed back; 0: it is only offered charging. */
  static int dischargeAmps(NotifyEVChargingNeedsRequest request, SandboxStation station) {
    ChargingNeeds needs = request.chargingNeeds();
    V2XChargingParameters v2x = needs.v2xChargingParameters();
    int evse = request.evseId();
    List<String> modes = station.operationModes.get(evse);
    if (!AC_BIDIRECTIONAL.contains(needs.requestedEnergyTransfer())
        || v2x == null
        || v2x.maxDischargePower() == null
        || Boolean.FALSE.equals(station.v2xEnabled.get(evse))
        || (modes != null && !modes.contains("CentralSetpoint"))
        || !aboveV2xFloor(v2x)) {
      return 0;
    }
    ACChargingParameters ac = needs.acChargingParameters();
    BigDecimal volts = ac == null ? NOMINAL_VOLTAGE_V : ac.evMaxVoltage();
    double perPhaseW = volts.doubleValue() * PHASES;
    int amps =
        Math.min(
            (int) Math.floor(v2x.maxDischargePower().doubleValue() / perPhaseW),
            V201Handlers.OFFERED_LIMIT_A);
    BigDecimal least = v2x.minDischargePower();
    return least != null && amps * perPhaseW < least.doubleValue() ? 0 : amps;
  }

  /**
   * Whether the EV holds energy above the state of charge it keeps for V2X: a negative energy to
   * that floor (or, without it, to its minimum SoC); given neither, its discharge power says so.
   */
  private static boolean aboveV2xFloor(V2XChargingParameters v2x) {
    BigDecimal toFloor =
        v2x.evMinV2XEnergyRequest() != null
            ? v2x.evMinV2XEnergyRequest()
            : v2x.evMinEnergyRequest();
    return toFloor == null || toFloor.signum() < 0;
  }
}
