package io.kilowire.core.station.monitoring;

import io.kilowire.core.configuration.ComponentId;
import io.kilowire.core.configuration.VariableId;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;

/** The monitors as one text snapshot: a line per monitor, tab-separated, "-" for none. */
final class MonitorSnapshot {
  private static final String HEADER = "kilowire-monitors 1";
  private static final String NONE = "-";

  /** Base, level and the next free id, as kept. */
  @FunctionalInterface
  interface Settings {
    void restored(Monitoring.Base base, int level, int nextId);
  }

  private MonitorSnapshot() {}

  static byte[] write(
      Collection<VariableMonitor> monitors,
      List<Integer> tripped,
      Monitoring.Base base,
      int level,
      int nextId) {
    StringBuilder out = new StringBuilder(HEADER);
    out.append("\nsettings\t").append(base).append('\t').append(level).append('\t').append(nextId);
    for (VariableMonitor m : monitors) {
      ComponentId c = m.component();
      out.append("\nmonitor");
      for (Object field :
          new Object[] {
            m.id(),
            c.name(),
            c.instance(),
            c.evseId(),
            c.connectorId(),
            m.variable().name(),
            m.variable().instance(),
            m.type(),
            m.value().toPlainString(),
            m.severity(),
            m.transaction(),
            m.origin(),
            tripped.contains(m.id())
          }) {
        out.append('\t').append(field == null ? NONE : field.toString());
      }
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  static void read(
      byte[] data, Map<Integer, VariableMonitor> into, IntConsumer tripped, Settings settings) {
    String[] lines = new String(data, StandardCharsets.UTF_8).split("\n");
    if (lines.length == 0 || !lines[0].equals(HEADER)) {
      throw new IllegalArgumentException("not a monitor snapshot");
    }
    try {
      for (int i = 1; i < lines.length; i++) {
        String[] f = lines[i].split("\t");
        if (f[0].equals("settings")) {
          settings.restored(
              Monitoring.Base.valueOf(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]));
          continue;
        }
        int id = Integer.parseInt(f[1]);
        VariableMonitor m =
            new VariableMonitor(
                id,
                new ComponentId(f[2], opt(f[3]), integer(f[4]), integer(f[5])),
                new VariableId(f[6], opt(f[7])),
                MonitorType.valueOf(f[8]),
                new BigDecimal(f[9]),
                Integer.parseInt(f[10]),
                Boolean.parseBoolean(f[11]),
                VariableMonitor.Origin.valueOf(f[12]));
        into.put(id, m);
        if (Boolean.parseBoolean(f[13])) {
          tripped.accept(id);
        }
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("a damaged monitor line: " + e.getMessage(), e);
    }
  }

  private static @Nullable String opt(String field) {
    return field.equals(NONE) ? null : field;
  }

  private static @Nullable Integer integer(String field) {
    return field.equals(NONE) ? null : Integer.valueOf(field);
  }
}
