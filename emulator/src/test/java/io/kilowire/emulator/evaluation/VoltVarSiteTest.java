package io.kilowire.emulator.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kilowire.core.metering.MeterReading;
import io.kilowire.emulator.site.SiteFile;
import io.kilowire.emulator.site.SiteFileParser;
import io.kilowire.emulator.station.SimulatedHardware;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A VoltVar curve in the site file ({@code grid.der}) at the station's outputs: the sandbox sets it
 * on the 2.1 station, and as the grid's voltage sags and swells across the curve the V2G EV's
 * output injects, then absorbs reactive power (read from its simulated meter), none inside the dead
 * band; the EV keeps charging meanwhile.
 */
class VoltVarSiteTest {
  /** A V2G EV; the voltage at 100 %, 95 % from 16:30, 105 % from 17:00, 100 % from 17:30. */
  private static final Path SITE = Path.of("scenarios/volt-var.yaml");

  @Test
  void theV2gOutputInjectsAtLowVoltageAndAbsorbsAtHigh() {
    SiteFile site = SiteFileParser.read(SITE);
    try (SiteRun run = new SiteRun(site, null, true)) {
      run.start();
      Instant t0 = run.startedAt();
      SimulatedHardware hardware = run.station(1).hardware();

      run.runUntil(t0.plus(Duration.ofMinutes(25))); // 16:25, 100 %: the dead band
      assertThat(reactive(hardware.read(1))).as("100 %").isCloseTo(0, within(1e-6));
      assertThat(hardware.drawA(1)).as("the EV charges").isGreaterThan(0);
      // 16:55, 95 %: 15 % of 32 A injected on three phases at 230 V.
      run.runUntil(t0.plus(Duration.ofMinutes(55)));
      assertThat(hardware.read(1).reactiveExportVar()).as("95 %").isCloseTo(3312, within(1e-6));
      assertThat(hardware.read(1).reactiveImportVar()).isCloseTo(0, within(1e-6));
      run.runUntil(t0.plus(Duration.ofMinutes(85))); // 17:25, 105 %: as much absorbed
      assertThat(hardware.read(1).reactiveImportVar()).as("105 %").isCloseTo(3312, within(1e-6));
      assertThat(hardware.read(1).reactiveExportVar()).isCloseTo(0, within(1e-6));
      run.runUntil(t0.plus(Duration.ofMinutes(115))); // 17:55, 100 % again
      assertThat(reactive(hardware.read(1))).as("100 % again").isCloseTo(0, within(1e-6));
      assertThat(hardware.drawA(1)).as("the EV still charges").isGreaterThan(0);
    }
  }

  /** Reactive power at the output, absorbed positive, injected negative (none read: 0). */
  private static double reactive(MeterReading r) {
    Double in = r.reactiveImportVar();
    Double out = r.reactiveExportVar();
    return (in == null ? 0 : in) - (out == null ? 0 : out);
  }
}
