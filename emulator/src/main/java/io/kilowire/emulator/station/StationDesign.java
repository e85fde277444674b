package io.kilowire.emulator.station;

import io.kilowire.core.configuration.Configuration;
import io.kilowire.core.configuration.DeviceModel;
import io.kilowire.core.configuration.StationLayout;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * What an emulated station is, as its maker built it: identity (BootNotification), EVSEs and
 * connectors, what each EVSE's hardware carries, the measurands its meter reports, and initial
 * configuration values (a CSMS may change them). The run's default, or a template's.
 *
 * @param serialNumber null: derived from the station id
 * @param maxCurrentA per EVSE (EVSE 1 first), per phase; a DC EVSE is simulated as the AC current
 *     that carries its power on three phases
 * @param measurands what the meter reports during a transaction (1.6 MeterValuesSampledData, 2.0.1
 *     TxUpdatedMeasurands)
 * @param v16 further 1.6 initial values, applied after the emulator's own
 * @param v201 further 2.0.1 initial values, likewise
 */
public record StationDesign(
    String vendor,
    String model,
    @Nullable String serialNumber,
    String firmwareVersion,
    List<StationLayout.Evse> evses,
    List<Double> maxCurrentA,
    List<String> measurands,
    UnaryOperator<Configuration.Builder> v16,
    UnaryOperator<DeviceModel.Builder> v201) {
  public StationDesign {
    evses = List.copyOf(evses);
    maxCurrentA = List.copyOf(maxCurrentA);
    measurands = List.copyOf(measurands);
    Objects.requireNonNull(v16, "v16");
    Objects.requireNonNull(v201, "v201");
    if (evses.isEmpty() || evses.size() != maxCurrentA.size()) {
      throw new IllegalArgumentException("one maximum current per EVSE, and at least one EVSE");
    }
  }

  /**
   * The run's default: {@code evses} EVSEs of 32 A (22 kW) on three phases, a Type 2 socket each.
   */
  public static StationDesign standard(int evses) {
    List<StationLayout.Evse> layout = new ArrayList<>();
    for (int i = 1; i <= evses; i++) {
      layout.add(
          new StationLayout.Evse(
              i, new BigDecimal("22080"), 3, List.of(new StationLayout.Connector(1, "cType2"))));
    }
    return new StationDesign(
        "Kilowire",
        "KW-EMU",
        null,
        "0.1.0",
        layout,
        Collections.nCopies(evses, 32.0),
        EmulatedStation.MEASURANDS,
        c -> c,
        d -> d);
  }
}
