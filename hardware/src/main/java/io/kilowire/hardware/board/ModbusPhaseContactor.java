package io.kilowire.hardware.board;

import io.kilowire.core.hal.FaultInputs;
import io.kilowire.core.hal.PhaseContactor;
import io.kilowire.hardware.modbus.ModbusException;
import io.kilowire.hardware.modbus.ModbusRtuClient;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An EVSE's phase contactor driven by a relay module on Modbus RTU ({@code
 * evses[i].phaseContactor}): {@link #switchTo} only notes the wish (it is called on the station's
 * thread, mid-sequence), the bus writes it at its next turn once the board holds its pilot off (the
 * E.5 order on the wire: pilot off, then the phases). Until the relay has taken the phases the
 * station switched to, the EVSE reports a board fault, so it never reconnects on phases the
 * balancer does not count; it starts on three phases, written before the station starts.
 */
final class ModbusPhaseContactor implements PhaseContactor {
  private static final Logger LOG = LoggerFactory.getLogger(ModbusPhaseContactor.class);

  private final BoardConfig.PhaseRelay relay;
  private final BooleanSupplier pilotOffOnBoard;
  private final BooleanSupplier pilotOffWanted;
  private volatile int wanted = 3;
  private volatile int confirmed;
  private volatile boolean failing;

  /**
   * @param pilotOffOnBoard whether the EVSE's board holds its pilot off: the relay and the board
   *     are on different lines and threads, so the switch waits until the board has taken step 3
   * @param pilotOffWanted whether the station has asked for the pilot off (the switch is under way)
   */
  ModbusPhaseContactor(
      BoardConfig.PhaseRelay relay,
      BooleanSupplier pilotOffOnBoard,
      BooleanSupplier pilotOffWanted) {
    this.relay = relay;
    this.pilotOffOnBoard = pilotOffOnBoard;
    this.pilotOffWanted = pilotOffWanted;
  }

  @Override
  public void switchTo(int phases) {
    wanted = phases;
  }

  /** One turn on the bus: writes the wish if the relay does not hold it yet. */
  void poll(ModbusRtuClient client) {
    int want = wanted;
    // the first write (three phases, before the station starts) needs no sequence
    if (want == confirmed || (confirmed != 0 && !pilotOffOnBoard.getAsBoolean())) {
      return;
    }
    try {
      client.writeRegisters(relay.link().unit(), relay.register(), new int[] {relay.value(want)});
      confirmed = want;
      if (failing) {
        LOG.info("phase contactor unit {}: on {} phases again", relay.link().unit(), want);
      }
      failing = false;
    } catch (ModbusException e) {
      if (!failing) {
        LOG.warn(
            "phase contactor unit {}: {} phases not taken: {}",
            relay.link().unit(),
            want,
            e.getMessage());
      }
      failing = true;
    }
  }

  /**
   * A fault: a relay write failed (until one is taken), or the pilot is back on while the relay
   * does not yet hold the phases the station switched to.
   */
  boolean faulted() {
    return failing || (wanted != confirmed && !pilotOffWanted.getAsBoolean());
  }

  /** The board's fault inputs, with a board fault while the relay has not taken the phases. */
  FaultInputs guarding(FaultInputs board) {
    return new FaultInputs() {
      @Override
      public boolean rcdTripped(int evse) {
        return board.rcdTripped(evse);
      }

      @Override
      public boolean overTemperature(int evse) {
        return board.overTemperature(evse);
      }

      @Override
      public boolean boardFault(int evse) {
        return board.boardFault(evse) || faulted();
      }
    };
  }
}
