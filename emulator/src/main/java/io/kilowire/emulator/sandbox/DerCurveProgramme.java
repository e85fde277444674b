package io.kilowire.emulator.sandbox;

import io.kilowire.core.ocpp.v21.adapter.V21DerMapping;
import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.emulator.site.SiteDerCurve;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The sandbox's DER programme (OCPP 2.1 block R): once it accepts a 2.1 station's boot it sets the
 * site's curve controls on it, so the station acts on its grid sensor's frequency and voltage by
 * itself, e.g. curtails charging along a FreqWatt curve in an under-frequency event. A curve
 * without a window is a default control (SetDERControl isDefault true); one with {@code from} /
 * {@code until} a scheduled control for the window in progress at the boot, else the next one
 * (startTime, duration), which the station starts and stops itself. A scheduled control holds one
 * window, so when it ends the sandbox sets the next day's under the same id (replacing it) for as
 * long as the station stays connected: a multi-day run sees the window every day. With a reactive
 * curve (VoltVar, WattVar, ...) it first adds Power.Reactive.Import/Export to the station's
 * SampledDataCtrlr.TxUpdatedMeasurands. It prints what each station answers.
 */
final class DerCurveProgramme {
  /** The default energy register and the reactive power both ways. */
  private static final String REACTIVE_MEASURANDS =
      "Energy.Active.Import.Register,Power.Reactive.Import,Power.Reactive.Export";

  private final SandboxCsms csms;
  private final List<SiteDerCurve> curves;
  private final ZoneId zone;
  private final TaskScheduler scheduler;

  /** Per station and curve id, the timer that sets the next window; a new boot replaces it. */
  private final Map<String, TaskScheduler.Cancellable> nextWindows = new ConcurrentHashMap<>();

  DerCurveProgramme(
      SandboxCsms csms, List<SiteDerCurve> curves, ZoneId zone, TaskScheduler scheduler) {
    this.csms = csms;
    this.curves = List.copyOf(curves);
    this.zone = zone;
    this.scheduler = scheduler;
  }

  /** Sets every curve on {@code stationId} (a 2.1 station whose boot was just accepted). */
  void bootAccepted(String stationId) {
    Optional<String> measurands = measurandsRequest(curves);
    if (measurands.isEmpty()) {
      setCurves(stationId);
      return;
    }
    // The measurands first, so that the first meter values under a curve carry its effect.
    csms.call(stationId, "SetVariables", measurands.get())
        .whenComplete(
            (answer, failure) -> {
              csms.print(
                  stationId,
                  "<- SetVariables TxUpdatedMeasurands "
                      + (failure == null ? answer : "failed: " + failure.getMessage()));
              setCurves(stationId);
            });
  }

  private void setCurves(String stationId) {
    for (SiteDerCurve curve : curves) {
      set(stationId, curve);
    }
  }

  /**
   * SetVariables asking for reactive power in the transaction meter values when a curve is a
   * reactive control (VoltVar, WattVar, ...): a station reports only its energy register by
   * default, so the CSMS would not see what the curve makes an output exchange. Empty otherwise.
   */
  static Optional<String> measurandsRequest(List<SiteDerCurve> curves) {
    boolean reactive = curves.stream().anyMatch(c -> V21DerMapping.type(c.type()).reactive());
    if (!reactive) {
      return Optional.empty();
    }
    return Optional.of(
        "{\"setVariableData\":[{\"attributeValue\":\""
            + REACTIVE_MEASURANDS
            + "\",\"component\":{\"name\":\"SampledDataCtrlr\"},"
            + "\"variable\":{\"name\":\"TxUpdatedMeasurands\"}}]}");
  }

  private void set(String stationId, SiteDerCurve curve) {
    Instant now = scheduler.now();
    csms.call(stationId, "SetDERControl", params(curve, now, zone))
        .whenComplete(
            (answer, failure) ->
                csms.print(
                    stationId,
                    "<- SetDERControl "
                        + curve.id()
                        + " "
                        + (failure == null ? answer : "failed: " + failure.getMessage())));
    if (curve.scheduled()) {
      Duration untilEnd = Duration.between(now, windowEnd(curve, now, zone));
      TaskScheduler.Cancellable previous =
          nextWindows.put(
              stationId + "\n" + curve.id(),
              scheduler.schedule(
                  untilEnd,
                  () -> {
                    if (csms.connected(stationId)) {
                      set(stationId, curve);
                    }
                  }));
      TaskScheduler.cancel(previous);
    }
  }

  /**
   * SetDERControl's request for {@code curve} set at {@code now}: a default control without start
   * or duration, or a scheduled one for the window in progress at {@code now}, else the next.
   */
  static String params(SiteDerCurve curve, Instant now, ZoneId zone) {
    String points =
        curve.curve().stream()
            .map(p -> "{\"x\":" + decimal(p.x()) + ",\"y\":" + decimal(p.y()) + "}")
            .collect(Collectors.joining(","));
    String window = "";
    if (curve.scheduled()) {
      Instant end = windowEnd(curve, now, zone);
      Instant start =
          next(Objects.requireNonNull(curve.from()), end.minus(Duration.ofDays(1)), zone);
      // Whole seconds: Part 2 allows at most milliseconds, a site's times of day have none.
      window =
          ",\"startTime\":\""
              + start.truncatedTo(ChronoUnit.SECONDS)
              + "\",\"duration\":"
              + Duration.between(start, end).toSeconds();
    }
    return "{\"isDefault\":"
        + !curve.scheduled()
        + ",\"controlId\":\""
        + curve.id()
        + "\",\"controlType\":\""
        + curve.type().value()
        + "\",\"curve\":{\"priority\":"
        + curve.priority()
        + ",\"yUnit\":\""
        + curve.yUnit().value()
        + "\",\"curveData\":["
        + points
        + "]"
        + window
        + "}}";
  }

  /** The end of the window in progress at {@code now}, else the next's; one ending now is over. */
  private static Instant windowEnd(SiteDerCurve curve, Instant now, ZoneId zone) {
    return next(Objects.requireNonNull(curve.until()), now.plusSeconds(1), zone);
  }

  /** The first instant at {@code time} of day in {@code zone} not before {@code from}. */
  private static Instant next(LocalTime time, Instant from, ZoneId zone) {
    ZonedDateTime z = from.atZone(zone);
    ZonedDateTime candidate = z.toLocalDate().atTime(time).atZone(zone);
    if (candidate.toInstant().isBefore(from)) {
      candidate = z.toLocalDate().plusDays(1).atTime(time).atZone(zone);
    }
    return candidate.toInstant();
  }

  private static String decimal(double v) {
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
