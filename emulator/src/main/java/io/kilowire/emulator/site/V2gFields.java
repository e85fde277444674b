package io.kilowire.emulator.site;

import io.kilowire.emulator.description.FileNode;
import io.kilowire.emulator.station.EvModel;
import java.time.LocalTime;
import org.jspecify.annotations.Nullable;

/**
 * The site file's V2G fields: the evening peak ({@code v2g: {from, until, dischargeA}}) and an
 * arrival's ability to feed back ({@code v2g: {maxA, minSoc}}). Errors name the field.
 */
final class V2gFields {
  private V2gFields() {}

  /** The site's {@code v2g} section; null when absent. */
  static SiteFile.@Nullable V2gPeak peak(@Nullable FileNode n) {
    if (n == null) {
      return null;
    }
    n.only("from", "until", "dischargeA");
    LocalTime from = n.req("from").timeOfDay();
    LocalTime until = n.req("until").timeOfDay();
    if (until.equals(from)) {
      throw n.req("until").error("must differ from from (" + from + ")");
    }
    return new SiteFile.V2gPeak(from, until, n.req("dischargeA").number(1, 1000));
  }

  /** An arrival's {@code v2g} section: the EV feeds back up to maxA (default its maxA). */
  static EvModel ev(@Nullable FileNode n, EvModel model) {
    if (n == null) {
      return model;
    }
    n.only("maxA", "minSoc");
    double maxA = n.optNumber("maxA", model.maxCurrentA(), 1, 1000);
    FileNode floor = n.req("minSoc");
    double minSoc = floor.number(0, 100);
    if (minSoc >= model.targetSocPercent()) {
      throw floor.error("must be below the EV's target (" + model.targetSocPercent() + " %)");
    }
    return model.withV2g(maxA, minSoc);
  }
}
