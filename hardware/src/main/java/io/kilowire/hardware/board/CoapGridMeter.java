package io.kilowire.hardware.board;

import io.kilowire.core.hal.SiteMeter;
import io.kilowire.core.metering.MeterReading.PerPhase;
import io.kilowire.core.metering.SiteReading;
import io.kilowire.hardware.coap.CoapSiteMeter;
import io.kilowire.hardware.coap.GridReading;

/**
 * The grid-connection meter observed over CoAP ({@link CoapSiteMeter}). {@link #read} gives the
 * meter's latest reading with the meter's timestamp, and throws {@link IllegalStateException} when
 * there is none or it is stale: {@link CoapSiteMeter#latest()} judges the age at the call.
 */
public final class CoapGridMeter implements SiteMeter {
  private final CoapSiteMeter meter;

  public CoapGridMeter(CoapSiteMeter meter) {
    this.meter = meter;
  }

  @Override
  public SiteReading read() {
    return reading(
        meter
            .latest()
            .orElseThrow(() -> new IllegalStateException("site meter: no current reading")));
  }

  /** A grid reading as a site reading, with the meter's timestamp. */
  public static SiteReading reading(GridReading g) {
    return new SiteReading(g.at(), new PerPhase(g.l1A(), g.l2A(), g.l3A()), g.totalW());
  }
}
