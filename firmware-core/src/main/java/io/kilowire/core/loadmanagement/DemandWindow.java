package io.kilowire.core.loadmanagement;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The site's power over its demand window (the soft demand cap of {@link LoadBalancer}): what each
 * step recorded, and how much may be drawn over the next part of the window so that the rolling
 * average stays at the cap.
 */
final class DemandWindow {
  private final Duration window;
  private final Deque<Sample> demandSamples = new ArrayDeque<>();

  private record Sample(Instant at, double kw) {}

  DemandWindow(Duration window) {
    this.window = window;
  }

  /** The site power that keeps the average over the window at {@code capKw} for {@code horizon}. */
  double allowanceKw(Instant now, double capKw, Duration horizon) {
    long windowS = window.getSeconds();
    long horizonS = Math.max(1, horizon.getSeconds());
    Instant from = now.minus(window).plus(horizon);
    double kept = energyKws(from, now, capKw);
    return (capKw * windowS - kept) / horizonS;
  }

  /** kW·s used in [from, now); before the first sample the site counts as running at the cap. */
  private double energyKws(Instant from, Instant now, double capKw) {
    double e = 0;
    Instant cursor = from;
    Sample prev = null;
    for (Sample s : demandSamples) {
      if (prev == null && s.at.isAfter(cursor)) {
        e += capKw * seconds(cursor, s.at.isBefore(now) ? s.at : now);
      }
      if (prev != null) {
        e += prev.kw * seconds(max(prev.at, cursor), min(s.at, now));
      }
      prev = s;
    }
    if (prev == null) {
      e += capKw * seconds(cursor, now);
    } else {
      e += prev.kw * seconds(max(prev.at, cursor), now);
    }
    return e;
  }

  void record(Instant now, double kw) {
    demandSamples.addLast(new Sample(now, kw));
    Instant horizonStart = now.minus(window);
    while (demandSamples.size() > 1) {
      Sample first = demandSamples.pollFirst();
      Sample second = demandSamples.peekFirst();
      if (second != null && !second.at.isAfter(horizonStart)) {
        continue;
      }
      demandSamples.addFirst(first);
      break;
    }
  }

  private static double seconds(Instant a, Instant b) {
    return b.isAfter(a) ? Duration.between(a, b).toNanos() / 1e9 : 0;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
