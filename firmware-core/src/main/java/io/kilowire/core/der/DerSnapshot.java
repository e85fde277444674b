package io.kilowire.core.der;

import io.kilowire.core.der.DerControls.Held;
import io.kilowire.core.der.DerSetting.Curve;
import io.kilowire.core.der.DerSetting.Point;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The DER controls as bytes for a snapshot store and back: a header line, then one line per control
 * of tab-separated fields, decimals written exactly, "-" for absent. A snapshot that does not read
 * throws {@link IllegalArgumentException}; the caller starts without controls.
 */
public final class DerSnapshot {
  private static final String HEADER = "kilowire-der-controls 1";

  private DerSnapshot() {}

  public static byte[] write(List<Held> held) {
    StringBuilder out = new StringBuilder(HEADER);
    for (Held h : held) {
      DerControl c = h.control();
      List<String> f = new ArrayList<>();
      f.add(c.id().replace('\t', ' ').replace('\n', ' '));
      f.add(c.type().name());
      f.add(Boolean.toString(c.isDefault()));
      f.add(Integer.toString(c.priority()));
      f.add(c.start() == null ? "-" : c.start().toString());
      f.add(text(c.durationSeconds()));
      f.add(Boolean.toString(h.superseded()));
      setting(c.setting(), f);
      out.append('\n').append(String.join("\t", f));
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  public static List<Held> read(byte[] data) {
    String[] lines = new String(data, StandardCharsets.UTF_8).split("\n");
    if (!lines[0].equals(HEADER)) {
      throw new IllegalArgumentException("not a DER control snapshot");
    }
    List<Held> out = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      String[] f = lines[i].split("\t", -1);
      DerControlType type = DerControlType.valueOf(f[1]);
      Fields rest = new Fields(f, 7);
      DerControl c =
          new DerControl(
              f[0],
              type,
              Boolean.parseBoolean(f[2]),
              Integer.parseInt(f[3]),
              f[4].equals("-") ? null : Instant.parse(f[4]),
              decimal(f[5]),
              setting(type.shape(), rest));
      out.add(new Held(c, Boolean.parseBoolean(f[6])));
    }
    return out;
  }

  private static void setting(DerSetting s, List<String> f) {
    if (s instanceof Curve c) {
      curve(c, f);
    } else if (s instanceof DerSetting.FixedPowerFactor p) {
      f.add(p.displacement().toPlainString());
      f.add(Boolean.toString(p.excitation()));
    } else if (s instanceof DerSetting.FixedReactive r) {
      f.add(r.setpoint().toPlainString());
      f.add(r.unit().name());
    } else if (s instanceof DerSetting.FrequencyDroop d) {
      f.add(d.overFreq().toPlainString());
      f.add(d.underFreq().toPlainString());
      f.add(d.overDroop().toPlainString());
      f.add(d.underDroop().toPlainString());
      f.add(d.responseTime().toPlainString());
    } else if (s instanceof DerSetting.DischargeLimit l) {
      f.add(text(l.pctMaxDischargePower()));
      Curve trip = l.monitoringTrip();
      f.add(trip == null ? "-" : "curve");
      if (trip != null) {
        curve(trip, f);
      }
    } else if (s instanceof DerSetting.EnterService e) {
      f.add(e.highVoltage().toPlainString());
      f.add(e.lowVoltage().toPlainString());
      f.add(e.highFreq().toPlainString());
      f.add(e.lowFreq().toPlainString());
      f.add(text(e.delay()));
      f.add(text(e.randomDelay()));
      f.add(text(e.rampRate()));
    } else if (s instanceof DerSetting.Gradients g) {
      f.add(g.gradient().toPlainString());
      f.add(g.softGradient().toPlainString());
    }
  }

  private static void curve(Curve c, List<String> f) {
    f.add(c.yUnit().name());
    f.add(text(c.responseTime()));
    DerSetting.Hysteresis h = c.hysteresis();
    f.add(h == null ? "-" : "h");
    if (h != null) {
      f.add(text(h.high()));
      f.add(text(h.low()));
      f.add(text(h.delay()));
      f.add(text(h.gradient()));
    }
    f.add(Integer.toString(c.points().size()));
    for (Point p : c.points()) {
      f.add(p.x().toPlainString());
      f.add(p.y().toPlainString());
    }
  }

  private static DerSetting setting(DerControlType.Shape shape, Fields f) {
    return switch (shape) {
      case CURVE -> curve(f);
      case FIXED_PF -> new DerSetting.FixedPowerFactor(f.decimal(), Boolean.parseBoolean(f.next()));
      case FIXED_VAR -> new DerSetting.FixedReactive(f.decimal(), DerUnit.valueOf(f.next()));
      case FREQ_DROOP ->
          new DerSetting.FrequencyDroop(
              f.decimal(), f.decimal(), f.decimal(), f.decimal(), f.decimal());
      case LIMIT_MAX_DISCHARGE -> {
        BigDecimal pct = f.optional();
        yield new DerSetting.DischargeLimit(pct, f.next().equals("-") ? null : curve(f));
      }
      case ENTER_SERVICE ->
          new DerSetting.EnterService(
              f.decimal(),
              f.decimal(),
              f.decimal(),
              f.decimal(),
              f.optional(),
              f.optional(),
              f.optional());
      case GRADIENTS -> new DerSetting.Gradients(f.decimal(), f.decimal());
    };
  }

  private static Curve curve(Fields f) {
    DerUnit unit = DerUnit.valueOf(f.next());
    BigDecimal responseTime = f.optional();
    DerSetting.Hysteresis h =
        f.next().equals("-")
            ? null
            : new DerSetting.Hysteresis(f.optional(), f.optional(), f.optional(), f.optional());
    int n = Integer.parseInt(f.next());
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      points.add(new Point(f.decimal(), f.decimal()));
    }
    return new Curve(points, unit, responseTime, h);
  }

  private static String text(@Nullable BigDecimal value) {
    return value == null ? "-" : value.toPlainString();
  }

  private static @Nullable BigDecimal decimal(String field) {
    return field.equals("-") ? null : new BigDecimal(field);
  }

  /** The fields of a line, read in order. */
  private static final class Fields {
    private final String[] fields;
    private int next;

    Fields(String[] fields, int first) {
      this.fields = fields;
      this.next = first;
    }

    String next() {
      if (next >= fields.length) {
        throw new IllegalArgumentException("a DER control line ends early");
      }
      return fields[next++];
    }

    BigDecimal decimal() {
      return new BigDecimal(next());
    }

    @Nullable BigDecimal optional() {
      return DerSnapshot.decimal(next());
    }
  }
}
