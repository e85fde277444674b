package io.kilowire.emulator.evaluation;

import java.util.List;
import java.util.Locale;

/**
 * A small SVG line chart: panels stacked on one time axis (hours of the day), one polyline per
 * series, a legend, y ticks at round values. Series are sampled once per minute.
 */
public final class SvgChart {
  private static final int WIDTH = 960;
  private static final int PANEL_HEIGHT = 250;
  private static final int LEFT = 60;
  private static final int RIGHT = 20;
  private static final int TOP = 40;
  private static final int GAP = 50;

  /** A line: one value per minute; {@code dash} empty for a solid line. */
  public record Series(String label, String color, String dash, double[] perMinute) {}

  /**
   * A panel of lines sharing one y axis, labelled {@code unit} (empty: the chart's). Panels of one
   * unit share the scale, which reaches below 0 when a value does (export, a charging battery).
   */
  public record Panel(String title, List<Series> series, String unit) {
    public Panel(String title, List<Series> series) {
      this(title, series, "");
    }
  }

  /** The y range of the panels of one unit: from {@code bottom} (≤ 0) to {@code top}, by tick. */
  private record Scale(double bottom, double top, double tick) {
    double span() {
      return top - bottom;
    }
  }

  private SvgChart() {}

  /**
   * Renders the panels; the x axis starts at {@code startHour} (0..23) of the day and spans the
   * longest series.
   */
  public static String render(String title, String yUnit, int startHour, List<Panel> panels) {
    int minutes = 1;
    java.util.Map<String, double[]> ranges = new java.util.HashMap<>();
    for (Panel p : panels) {
      double[] range = ranges.computeIfAbsent(unit(p, yUnit), u -> new double[] {0, 1});
      for (Series s : p.series()) {
        minutes = Math.max(minutes, s.perMinute().length);
        for (double v : s.perMinute()) {
          if (!Double.isNaN(v)) {
            range[0] = Math.min(range[0], v);
            range[1] = Math.max(range[1], v);
          }
        }
      }
    }
    java.util.Map<String, Scale> scales = new java.util.HashMap<>();
    ranges.forEach(
        (u, r) -> {
          double tick = niceStep((r[1] - r[0]) / 5);
          scales.put(
              u,
              new Scale(
                  Math.floor(r[0] * 1.05 / tick) * tick,
                  Math.ceil(r[1] * 1.05 / tick) * tick,
                  tick));
        });
    int height = TOP + panels.size() * (PANEL_HEIGHT + GAP) - GAP + 30;
    StringBuilder svg = new StringBuilder();
    svg.append(
        f(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d"
                + " %d\" font-family=\"sans-serif\" font-size=\"12\">\n",
            WIDTH, height, WIDTH, height));
    svg.append(f("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", WIDTH, height));
    svg.append(
        f(
            "<text x=\"%d\" y=\"22\" font-size=\"16\" font-weight=\"bold\">%s</text>\n",
            LEFT, esc(title)));
    double plotW = WIDTH - LEFT - RIGHT;
    for (int k = 0; k < panels.size(); k++) {
      Panel panel = panels.get(k);
      Scale scale = scales.get(unit(panel, yUnit));
      double y0 = TOP + k * (PANEL_HEIGHT + GAP) + 20;
      double ph = PANEL_HEIGHT - 20;
      double bottom = y0 + ph;
      svg.append(
          f(
              "<text x=\"%d\" y=\"%.1f\" font-weight=\"bold\">%s</text>\n",
              LEFT, y0 - 8, esc(panel.title())));
      for (double v = scale.bottom(); v <= scale.top() + 1e-9; v += scale.tick()) {
        double y = bottom - (v - scale.bottom()) / scale.span() * ph;
        svg.append(
            f(
                "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>\n",
                LEFT, y, WIDTH - RIGHT, y));
        svg.append(
            f(
                "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
                LEFT - 6, y + 4, num(v)));
      }
      svg.append(
          f(
              "<text x=\"14\" y=\"%.1f\" transform=\"rotate(-90 14 %.1f)\" text-anchor=\"middle\">%s</text>\n",
              y0 + ph / 2, y0 + ph / 2, esc(unit(panel, yUnit))));
      for (int m = 0; m <= minutes; m += 120) {
        double x = LEFT + m / (double) minutes * plotW;
        svg.append(
            f(
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#888\"/>\n",
                x, bottom, x, bottom + 5));
        svg.append(
            f(
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%02d:00</text>\n",
                x, bottom + 18, (startHour + m / 60) % 24));
      }
      svg.append(
          f(
              "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#888\"/>\n",
              LEFT, y0, plotW, ph));
      double legendX = LEFT + 10;
      for (Series s : panel.series()) {
        svg.append(polyline(s, minutes, scale, plotW, bottom, ph));
        double ly = y0 + 14;
        svg.append(
            f(
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"%s/>\n",
                legendX, ly - 4, legendX + 20, ly - 4, s.color(), dash(s)));
        svg.append(f("<text x=\"%.1f\" y=\"%.1f\">%s</text>\n", legendX + 24, ly, esc(s.label())));
        legendX += 34 + 7 * s.label().length();
      }
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  /** One polyline per stretch without NaN (a value not known draws nothing). */
  private static String polyline(
      Series s, int minutes, Scale scale, double plotW, double bottom, double ph) {
    StringBuilder out = new StringBuilder();
    StringBuilder pts = new StringBuilder();
    double[] v = s.perMinute();
    for (int m = 0; m <= v.length; m++) {
      if (m == v.length || Double.isNaN(v[m])) {
        if (pts.length() > 0) {
          out.append(
              f(
                  "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"%s points=\"%s\"/>\n",
                  s.color(), dash(s), pts.toString().trim()));
          pts.setLength(0);
        }
        continue;
      }
      boolean sameAsNeighbours = m > 0 && m + 1 < v.length && v[m - 1] == v[m] && v[m + 1] == v[m];
      if (sameAsNeighbours) {
        continue;
      }
      double x = LEFT + m / (double) minutes * plotW;
      double clamped = Math.max(scale.bottom(), Math.min(v[m], scale.top()));
      double y = bottom - (clamped - scale.bottom()) / scale.span() * ph;
      pts.append(f("%.1f,%.1f ", x, y));
    }
    return out.toString();
  }

  private static String unit(Panel p, String chartUnit) {
    return p.unit().isEmpty() ? chartUnit : p.unit();
  }

  private static String dash(Series s) {
    return s.dash().isEmpty() ? "" : " stroke-dasharray=\"" + s.dash() + "\"";
  }

  /** 1, 2, 2.5 or 5 times a power of ten, at least {@code raw}. */
  static double niceStep(double raw) {
    double p = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-9))));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * p >= raw) {
        return m * p;
      }
    }
    return 10 * p;
  }

  private static String num(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : f("%.1f", v);
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
