package io.kilowire.hardware.modbus;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One SunSpec device (an inverter, a hybrid inverter with a battery): its model map, found at the
 * first read and kept, and the few points load management needs. Offsets are those of the SunSpec
 * model definitions (offset 0 is the model's id register). A point the device marks "not
 * implemented" gives an empty value, never a zero.
 */
public final class SunSpecDevice {
  /** Inverter models with integer points and scale factors: single, split and three phase. */
  public static final Set<Integer> INTEGER_INVERTERS = Set.of(101, 102, 103);

  /** The same inverters with float32 points. */
  public static final Set<Integer> FLOAT_INVERTERS = Set.of(111, 112, 113);

  /** Every inverter model this class reads. */
  public static final Set<Integer> INVERTERS = Set.of(101, 102, 103, 111, 112, 113);

  /** Basic storage control. */
  public static final int STORAGE = 124;

  /** Battery base model. */
  public static final int BATTERY = 802;

  // inverter (101..103): W int16 at 14, W_SF at 15; (111..113): W float32 at 22
  private static final int INVERTER_W = 14;
  private static final int INVERTER_W_SF = 15;
  private static final int FLOAT_INVERTER_W = 22;
  // 124: ChaState uint16 at 8, ChaState_SF at 22
  private static final int STORAGE_CHA_STATE = 8;
  private static final int STORAGE_CHA_STATE_SF = 22;
  // 802: SoC uint16 at 11, ChaSt enum16 at 16, W int16 at 47, SoC_SF at 56, W_SF at 63
  private static final int BATTERY_SOC = 11;
  private static final int BATTERY_CHA_ST = 16;
  private static final int BATTERY_W = 47;
  private static final int BATTERY_SOC_SF = 56;
  private static final int BATTERY_W_SF = 63;

  // 124 controls: WChaMax at 2, StorCtl_Mod at 5, OutWRte at 12, InWRte at 13,
  // InOutWRte_RvrtTms at 15, WChaMax_SF at 18, InOutWRte_SF at 25
  private static final int STORAGE_W_CHA_MAX = 2;
  private static final int STORAGE_CTL_MOD = 5;
  private static final int STORAGE_OUT_W_RTE = 12;
  private static final int STORAGE_REVERT_SECONDS = 15;
  private static final int STORAGE_W_CHA_MAX_SF = 18;
  private static final int STORAGE_RTE_SF = 25;

  /** StorCtl_Mod with both bits set: the charge limit (InWRte) and the discharge limit apply. */
  static final int CHARGE_AND_DISCHARGE_LIMITS = 0b11;

  /** ChaSt (124 and 802): DISCHARGING and CHARGING. */
  static final int DISCHARGING = 3;

  static final int CHARGING = 4;

  private @Nullable List<SunSpec.Model> models;

  /** The device's models, discovered now if not yet (or again after the map changed). */
  public List<SunSpec.Model> models(SunSpec.HoldingRegisters device) throws IOException {
    List<SunSpec.Model> m = models;
    if (m == null) {
      m = SunSpec.discover(device);
      models = m;
    }
    return m;
  }

  /** The first model with one of {@code ids}. */
  public Optional<SunSpec.Model> model(SunSpec.HoldingRegisters device, Set<Integer> ids)
      throws IOException {
    return models(device).stream().filter(m -> ids.contains(m.id())).findFirst();
  }

  /**
   * The inverter's AC power in W (positive: delivered; a battery inverter charging from the AC side
   * reads negative).
   *
   * @throws SunSpec.NotSunSpec the device has no inverter model (101..103, 111..113)
   */
  public OptionalDouble acPowerW(SunSpec.HoldingRegisters device) throws IOException {
    Optional<SunSpec.Model> inverter = model(device, INVERTERS);
    if (inverter.isEmpty()) {
      throw new SunSpec.NotSunSpec("no inverter model (101..103, 111..113) in " + ids());
    }
    SunSpec.Model m = inverter.get();
    if (FLOAT_INVERTERS.contains(m.id())) {
      int[] b = block(device, m, FLOAT_INVERTER_W + 2);
      return SunSpec.float32(b[FLOAT_INVERTER_W], b[FLOAT_INVERTER_W + 1]);
    }
    int[] b = block(device, m, INVERTER_W_SF + 1);
    return SunSpec.int16(b[INVERTER_W], b[INVERTER_W_SF]);
  }

  /**
   * The battery's state of charge in percent: the battery model's SoC, else basic storage's
   * ChaState.
   *
   * @throws SunSpec.NotSunSpec the device has neither model (802, 124)
   */
  public OptionalDouble stateOfChargePercent(SunSpec.HoldingRegisters device) throws IOException {
    Optional<SunSpec.Model> battery = model(device, Set.of(BATTERY));
    if (battery.isPresent()) {
      int[] b = block(device, battery.get(), BATTERY_SOC_SF + 1);
      return SunSpec.uint16(b[BATTERY_SOC], b[BATTERY_SOC_SF]);
    }
    Optional<SunSpec.Model> storage = model(device, Set.of(STORAGE));
    if (storage.isPresent()) {
      int[] b = block(device, storage.get(), STORAGE_CHA_STATE_SF + 1);
      return SunSpec.uint16(b[STORAGE_CHA_STATE], b[STORAGE_CHA_STATE_SF]);
    }
    throw new SunSpec.NotSunSpec("no storage model (802 or 124) in " + ids());
  }

  /**
   * The battery's power in W, discharging positive: the battery model's W, its direction from its
   * charge status (the model does not fix W's sign; a status other than charging or discharging
   * counts as idle, an unknown status gives no value), else the inverter's AC power.
   */
  public OptionalDouble batteryPowerW(SunSpec.HoldingRegisters device) throws IOException {
    Optional<SunSpec.Model> battery = model(device, Set.of(BATTERY));
    if (battery.isEmpty()) {
      return acPowerW(device);
    }
    int[] b = block(device, battery.get(), BATTERY_W_SF + 1);
    OptionalDouble w = SunSpec.int16(b[BATTERY_W], b[BATTERY_W_SF]);
    OptionalInt status = SunSpec.enum16(b[BATTERY_CHA_ST]);
    if (w.isEmpty() || status.isEmpty()) {
      return OptionalDouble.empty();
    }
    return switch (status.getAsInt()) {
      case DISCHARGING -> OptionalDouble.of(Math.abs(w.getAsDouble()));
      case CHARGING -> OptionalDouble.of(-Math.abs(w.getAsDouble()));
      default -> OptionalDouble.of(0);
    };
  }

  /**
   * Sets the battery to {@code watts} (discharging positive) through basic storage (124): the rate
   * on its side as a share of {@code WChaMax} (at most 100 %) and the other side's limit the same
   * share below zero, so the window holds that one rate; 0 W closes both sides (hold). Both limits
   * are switched on in {@code StorCtl_Mod}, and the device's revert timer, when it has one, is set
   * to {@code revertSeconds}: a station that stops writing hands the battery back to its own
   * control.
   *
   * @throws SunSpec.NotSunSpec no 124 model, or its maximum or scale factors not implemented
   * @throws ModbusException the device did not take a write (an exception reply: it refused)
   */
  public void commandStorage(
      SunSpec.HoldingRegisters device,
      SunSpec.RegisterWriter writer,
      double watts,
      int revertSeconds)
      throws IOException {
    SunSpec.Model storage =
        model(device, Set.of(STORAGE))
            .orElseThrow(() -> new SunSpec.NotSunSpec("no storage model (124) in " + ids()));
    int[] b = block(device, storage, STORAGE_RTE_SF + 1);
    OptionalDouble max = SunSpec.uint16(b[STORAGE_W_CHA_MAX], b[STORAGE_W_CHA_MAX_SF]);
    OptionalDouble unit = SunSpec.int16(1, b[STORAGE_RTE_SF]);
    if (max.isEmpty() || !(max.getAsDouble() > 0) || unit.isEmpty()) {
      throw new SunSpec.NotSunSpec("storage model without WChaMax or its scale factors");
    }
    double percent = Math.min(100, Math.abs(watts) / max.getAsDouble() * 100);
    int rate = (int) (percent / unit.getAsDouble()); // toward zero: never more than asked
    int out = watts > 0 ? rate : -rate;
    int address = storage.address();
    writer.write(address + STORAGE_OUT_W_RTE, new int[] {out & 0xFFFF, -out & 0xFFFF});
    if (SunSpec.uint16(b[STORAGE_REVERT_SECONDS], 0).isPresent()) {
      writer.write(address + STORAGE_REVERT_SECONDS, new int[] {revertSeconds});
    }
    writer.write(address + STORAGE_CTL_MOD, new int[] {CHARGE_AND_DISCHARGE_LIMITS});
  }

  /**
   * The first {@code count} registers of {@code m} (its id first). A model shorter than that, or
   * another id at its address (the device's map changed), is an error; the map is then found again
   * at the next read.
   */
  int[] block(SunSpec.HoldingRegisters device, SunSpec.Model m, int count) throws IOException {
    if (m.length() + 2 < count) {
      throw new SunSpec.NotSunSpec(
          "model " + m.id() + " at " + m.address() + " has " + m.length() + " registers, too few");
    }
    int[] b = device.read(m.address(), count);
    if (b[0] != m.id()) {
      models = null;
      throw new SunSpec.NotSunSpec(
          "model " + m.id() + " no longer at " + m.address() + " (found " + b[0] + ")");
    }
    return b;
  }

  private String ids() {
    List<SunSpec.Model> m = models;
    return m == null ? "[]" : m.stream().map(SunSpec.Model::id).toList().toString();
  }
}
