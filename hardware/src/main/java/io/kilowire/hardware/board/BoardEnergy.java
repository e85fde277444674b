package io.kilowire.hardware.board;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.loadmanagement.energy.Battery;
import io.kilowire.core.loadmanagement.energy.ChargingMode;
import io.kilowire.core.loadmanagement.energy.CloudDip;
import io.kilowire.core.loadmanagement.energy.EvseEnergy;
import io.kilowire.core.loadmanagement.energy.PvArray;
import io.kilowire.core.loadmanagement.energy.PvProfile;
import io.kilowire.core.loadmanagement.energy.SiteEnergy;
import io.kilowire.core.loadmanagement.energy.SolarRules;
import io.kilowire.core.loadmanagement.energy.Tariff;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The energy fields of the board station's {@code site} section: the same names and formats as the
 * emulator's site file (docs/LOADMANAGEMENT.md, "Sun and battery"), plus {@code timezone}. Ranges
 * are checked here with the field's path; what the records check across fields comes back from them
 * with the field's name under {@code site.}. The solar modes need a PV meter (they charge only from
 * what its reading vouches for), phase switching a phase contactor on the EVSE; {@code grid} and
 * {@code cost} work on the site meter alone.
 */
final class BoardEnergy {
  /** Fields this class reads from {@code site}. */
  static final List<String> FIELDS =
      List.of("timezone", "chargingMode", "pv", "battery", "exportLimitKw", "tariffs", "solar");

  /** Fields this class reads from each {@code site.evses[i]}. */
  static final List<String> EVSE_FIELDS = List.of("chargingMode", "phaseSwitching");

  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

  private BoardEnergy() {}

  /**
   * @param evses the {@code site.evses} entries, one per EVSE, or empty
   * @param pvMeter whether the site has a PV meter ({@code site.pvMeter})
   */
  static SiteEnergy parse(
      BoardConfig.Node site,
      List<BoardConfig.Node> evses,
      boolean pvMeter,
      IntPredicate phaseContactor)
      throws BoardConfig.Invalid {
    SiteEnergy.Builder b = SiteEnergy.builder();
    if (site.has("timezone")) {
      String zone = site.text("timezone");
      try {
        b.zone(ZoneId.of(zone));
      } catch (DateTimeException bad) {
        throw new BoardConfig.Invalid(site.path("timezone") + ": not a time zone: '" + zone + "'");
      }
    } else {
      b.zone(ZoneOffset.UTC);
    }
    if (site.has("chargingMode")) {
      b.mode(mode(site, "chargingMode", pvMeter));
    }
    Map<String, EvseEnergy> perEvse = new HashMap<>();
    for (int i = 0; i < evses.size(); i++) {
      BoardConfig.Node e = evses.get(i);
      boolean switching = e.bool("phaseSwitching", false);
      if (switching && !phaseContactor.test(i + 1)) {
        throw new BoardConfig.Invalid(
            e.path("phaseSwitching")
                + ": needs evses["
                + i
                + "].phaseContactor (the relay that switches the EVSE's phases)");
      }
      if (switching && e.has("wiring") && BoardConfig.wiring(e).size() != 3) {
        throw new BoardConfig.Invalid(
            e.path("phaseSwitching") + ": needs a three-phase EVSE (wiring of 3 phases)");
      }
      if (e.has("chargingMode") || switching) {
        perEvse.put(
            BoardConfig.slotId(i + 1),
            new EvseEnergy(
                e.has("chargingMode") ? mode(e, "chargingMode", pvMeter) : null, switching));
      }
    }
    b.evses(Map.copyOf(perEvse));
    try {
      if (site.has("pv")) {
        b.pv(pv(site.child("pv")));
      }
      if (site.has("battery")) {
        b.battery(battery(site.child("battery")));
      }
      if (site.has("exportLimitKw")) {
        b.exportLimitKw(site.number("exportLimitKw", 0, 0, 1_000_000));
      }
      if (site.has("tariffs")) {
        b.tariff(tariffs(site));
      }
      if (site.has("solar")) {
        b.solar(solar(site.child("solar")));
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new BoardConfig.Invalid(site.path(e.getMessage()));
    }
  }

  private static ChargingMode mode(BoardConfig.Node n, String field, boolean pvMeter)
      throws BoardConfig.Invalid {
    ChargingMode m;
    try {
      m = ChargingMode.byLabel(n.text(field));
    } catch (IllegalArgumentException bad) {
      throw new BoardConfig.Invalid(n.path(field) + ": " + bad.getMessage());
    }
    if (m.solar() && !pvMeter) {
      throw new BoardConfig.Invalid(
          n.path(field) + ": " + m.label() + " needs a PV meter (site.pvMeter)");
    }
    return m;
  }

  private static PvArray pv(BoardConfig.Node n) throws BoardConfig.Invalid {
    n.only("peakKw", "sunrise", "sunset", "series", "clouds");
    PvProfile profile;
    if (n.has("series") && !n.has("peakKw") && !n.has("sunrise") && !n.has("sunset")) {
      List<PvProfile.Point> points = new ArrayList<>();
      for (BoardConfig.Node p : n.objects("series")) {
        p.only("t", "kw");
        p.required("kw");
        points.add(new PvProfile.Point(time(p, "t", null), p.number("kw", -1, 0, 1_000_000)));
      }
      profile = new PvProfile.Series(points);
    } else if (n.has("peakKw") && !n.has("series")) {
      profile =
          new PvProfile.ClearSky(
              n.number("peakKw", 0, 0.01, 1_000_000),
              time(n, "sunrise", LocalTime.of(6, 0)),
              time(n, "sunset", LocalTime.of(20, 0)));
    } else {
      throw new BoardConfig.Invalid(
          n.at() + ": give either series or peakKw (with sunrise, sunset)");
    }
    List<CloudDip> clouds = new ArrayList<>();
    if (n.has("clouds")) {
      for (BoardConfig.Node c : n.objects("clouds")) {
        c.only("from", "until", "share");
        LocalTime from = time(c, "from", null);
        LocalTime until = time(c, "until", null);
        if (!until.isAfter(from)) {
          throw new BoardConfig.Invalid(c.path("until") + ": must be after from (" + from + ")");
        }
        c.required("share");
        clouds.add(new CloudDip(from, until, c.number("share", 0, 0, 1)));
      }
    }
    return new PvArray(profile, clouds);
  }

  private static Battery battery(BoardConfig.Node n) throws BoardConfig.Invalid {
    n.only(
        "capacityKwh",
        "maxChargeKw",
        "maxDischargeKw",
        "minSoc",
        "maxSoc",
        "roundTripEfficiency",
        "initialSoc");
    for (String f : List.of("capacityKwh", "maxChargeKw", "maxDischargeKw")) {
      n.required(f);
    }
    double minSoc = n.number("minSoc", 10, 0, 100);
    return new Battery(
        n.number("capacityKwh", 0, 0.1, 1_000_000),
        n.number("maxChargeKw", 0, 0, 1_000_000),
        n.number("maxDischargeKw", 0, 0, 1_000_000),
        minSoc,
        n.number("maxSoc", 100, 0, 100),
        n.number("roundTripEfficiency", 0.9, 0.01, 1),
        n.number("initialSoc", minSoc, 0, 100));
  }

  private static Tariff tariffs(BoardConfig.Node site) throws BoardConfig.Invalid {
    List<Tariff.Period> periods = new ArrayList<>();
    for (BoardConfig.Node t : site.objects("tariffs")) {
      t.only("from", "importPerKwh", "exportPerKwh");
      t.required("importPerKwh");
      periods.add(
          new Tariff.Period(
              time(t, "from", null),
              t.number("importPerKwh", 0, -1_000, 1_000),
              t.number("exportPerKwh", 0, -1_000, 1_000)));
    }
    return new Tariff(periods);
  }

  private static SolarRules solar(BoardConfig.Node n) throws BoardConfig.Invalid {
    n.only("startAfter", "stopAfter", "readingStaleAfter", "urgentShare");
    SolarRules d = SolarRules.DEFAULTS;
    return new SolarRules(
        duration(n, "startAfter", d.startAfter()),
        duration(n, "stopAfter", d.stopAfter()),
        duration(n, "readingStaleAfter", d.readingStaleAfter()),
        n.number("urgentShare", d.urgentShare(), 0.01, 1));
  }

  /** A time of day like {@code "07:30"}; {@code dflt} null = required. */
  private static LocalTime time(BoardConfig.Node n, String field, @Nullable LocalTime dflt)
      throws BoardConfig.Invalid {
    if (dflt != null && !n.has(field)) {
      return dflt;
    }
    String text = n.text(field);
    try {
      return LocalTime.parse(text);
    } catch (DateTimeParseException bad) {
      throw new BoardConfig.Invalid(
          n.path(field) + ": a time of day like \"07:30\", not '" + text + "'");
    }
  }

  /** A duration like {@code "30s"}, {@code "5m"}, {@code "1h"} or {@code "500ms"}. */
  private static Duration duration(BoardConfig.Node n, String field, Duration dflt)
      throws BoardConfig.Invalid {
    if (!n.has(field)) {
      return dflt;
    }
    JsonNode v = n.required(field);
    Matcher m = DURATION.matcher(v.isTextual() ? v.asText().trim() : "");
    if (!m.matches()) {
      throw new BoardConfig.Invalid(
          n.path(field) + ": a duration like \"30s\", \"5m\" or \"1h\", not '" + v.asText() + "'");
    }
    long k = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(k);
      case "m" -> Duration.ofMinutes(k);
      case "h" -> Duration.ofHours(k);
      default -> Duration.ofSeconds(k);
    };
  }
}
