package io.kilowire.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.v21.DERControl;
import io.kilowire.core.ocpp.v21.DERUnit;
import io.kilowire.core.runtime.ExecutorTaskScheduler;
import io.kilowire.core.testing.NodePeer;
import io.kilowire.emulator.cli.Console;
import io.kilowire.emulator.sandbox.SandboxCsms;
import io.kilowire.emulator.site.SiteDerCurve;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

/**
 * The sandbox CSMS's DER curves on the wire, judged by a third party: a 2.1 station played by
 * ocpp-rpc in strict mode (the bundled 2.1 schemas) over a WebSocket on 127.0.0.1 boots, and the
 * sandbox sets the site's curves on it as default controls. Every frame passes the schemas both
 * ways and Part 2's primitive rules.
 */
class SandboxDerCurveInteropIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void theSitesCurvesReachABootedStationAndPassThe21SchemasOfAStrictStation() {
    JsonNode set =
        firstSetDerControl(
            List.of(
                new SiteDerCurve(
                    "fw",
                    DERControl.FREQ_WATT,
                    1,
                    DERUnit.PCT_MAX_W,
                    List.of(new SiteDerCurve.Point(49.8, 0), new SiteDerCurve.Point(50.0, -100))),
                new SiteDerCurve(
                    "lf-trip",
                    DERControl.LF_MUST_TRIP,
                    0,
                    DERUnit.NOT_APPLICABLE,
                    List.of(new SiteDerCurve.Point(0.2, 47.5), new SiteDerCurve.Point(10, 49.5)))));
    assertThat(set.path("isDefault").asBoolean()).isTrue();
    assertThat(set.path("controlId").asText()).isEqualTo("fw");
    assertThat(set.path("controlType").asText()).isEqualTo("FreqWatt");
    JsonNode curve = set.path("curve");
    assertThat(curve.path("priority").asInt()).isEqualTo(1);
    assertThat(curve.path("yUnit").asText()).isEqualTo("PctMaxW");
    assertThat(curve.path("curveData")).hasSize(2);
    assertThat(curve.path("curveData").path(0).path("x").asDouble()).isEqualTo(49.8);
    assertThat(curve.path("curveData").path(1).path("y").asDouble()).isEqualTo(-100);
    assertThat(curve.has("startTime")).isFalse();
  }

  /**
   * A curve with a window in the site file becomes a scheduled control: isDefault false, the
   * window's startTime and duration, passing the strict 2.1 schemas and the primitive rules.
   */
  @Test
  void aScheduledCurveCarriesItsWindowAndPassesTheStrictSchemas() {
    LocalTime from = LocalTime.of(17, 10);
    LocalTime until = LocalTime.of(17, 40);
    JsonNode set = firstSetDerControl(List.of(evening(from, until)));
    assertThat(set.path("isDefault").asBoolean()).isFalse();
    assertThat(set.path("controlId").asText()).isEqualTo("evening");
    JsonNode curve = set.path("curve");
    Instant start = Instant.parse(curve.path("startTime").asText());
    assertThat(start.atZone(ZoneOffset.UTC).toLocalTime()).isEqualTo(from);
    assertThat(start).isBeforeOrEqualTo(Instant.now().plus(Duration.ofDays(1)));
    assertThat(curve.path("duration").asLong()).isEqualTo(30 * 60);
  }

  /**
   * When a scheduled curve's window ends the sandbox sets the next day's under the same id: a
   * window ending some seconds after the boot brings a second SetDERControl, a day later, which
   * passes the strict schemas too.
   */
  @Test
  void whenTheWindowEndsTheNextDaysFollowsOverTheWire() {
    // The sandbox's clock runs in real time from today's noon, so the window never spans midnight.
    Instant realNow = Instant.now();
    Clock fromNoon =
        Clock.offset(
            Clock.systemUTC(),
            Duration.between(
                realNow, realNow.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(12))));
    LocalTime now = LocalTime.now(fromNoon).withNano(0);
    LocalTime from = now.minusMinutes(1);
    LocalTime until = now.plusSeconds(12);
    List<JsonNode> sets = setDerControls(List.of(evening(from, until)), 2, fromNoon);
    assertThat(sets).hasSize(2);
    JsonNode first = sets.get(0).path("curve");
    JsonNode next = sets.get(1).path("curve");
    assertThat(sets.get(1).path("controlId").asText()).isEqualTo("evening");
    assertThat(sets.get(1).path("isDefault").asBoolean()).isFalse();
    assertThat(Instant.parse(next.path("startTime").asText()))
        .isEqualTo(Instant.parse(first.path("startTime").asText()).plus(Duration.ofDays(1)));
    assertThat(next.path("duration").asLong()).isEqualTo(first.path("duration").asLong());
  }

  /**
   * With a VoltVar curve the sandbox first asks the station for reactive power in its transaction
   * meter values (SampledDataCtrlr.TxUpdatedMeasurands), then sets the curve; both pass the strict
   * 2.1 schemas and the primitive rules.
   */
  @Test
  void aReactiveCurveFirstAsksForReactiveMeterValuesOverTheWire() {
    List<JsonNode> calls =
        callsUntilSetDerControl(
            List.of(
                new SiteDerCurve(
                    "vv",
                    DERControl.VOLT_VAR,
                    0,
                    DERUnit.PCT_MAX_VAR,
                    List.of(new SiteDerCurve.Point(92, 30), new SiteDerCurve.Point(108, -30)))),
            1,
            Clock.systemUTC());
    assertThat(calls)
        .extracting(c -> c.path("action").asText())
        .containsExactly("SetVariables", "SetDERControl");
    JsonNode data = calls.get(0).path("params").path("setVariableData");
    assertThat(data).hasSize(1);
    assertThat(data.get(0).at("/component/name").asText()).isEqualTo("SampledDataCtrlr");
    assertThat(data.get(0).at("/variable/name").asText()).isEqualTo("TxUpdatedMeasurands");
    assertThat(data.get(0).path("attributeValue").asText().split(","))
        .contains("Power.Reactive.Import", "Power.Reactive.Export");
    assertThat(calls.get(1).at("/params/controlType").asText()).isEqualTo("VoltVar");
  }

  /** A FreqWatt curve scheduled from {@code from} to {@code until} each day. */
  private static SiteDerCurve evening(LocalTime from, LocalTime until) {
    return new SiteDerCurve(
        "evening",
        DERControl.FREQ_WATT,
        0,
        DERUnit.PCT_MAX_W,
        List.of(new SiteDerCurve.Point(49.8, 0), new SiteDerCurve.Point(50.0, -100)),
        from,
        until);
  }

  /** Boots a strict ocpp-rpc 2.1 station at a sandbox setting {@code curves}; its first one. */
  private static JsonNode firstSetDerControl(List<SiteDerCurve> curves) {
    return setDerControls(curves, 1, Clock.systemUTC()).get(0);
  }

  /** As {@link #firstSetDerControl}, waiting for {@code count} SetDERControl calls. */
  private static List<JsonNode> setDerControls(List<SiteDerCurve> curves, int count, Clock clock) {
    return callsUntilSetDerControl(curves, count, clock).stream()
        .filter(e -> e.path("action").asText().equals("SetDERControl"))
        .map(e -> e.path("params"))
        .toList();
  }

  /** The sandbox's calls to the station (action and params) until {@code count} SetDERControl. */
  private static List<JsonNode> callsUntilSetDerControl(
      List<SiteDerCurve> curves, int count, Clock clock) {
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    ExecutorTaskScheduler scheduler = new ExecutorTaskScheduler(executor, clock);
    SandboxCsms sandbox =
        new SandboxCsms(
                new Console(new PrintStream(OutputStream.nullOutputStream())), scheduler, clock, 0)
            .start();
    sandbox.derCurves(curves, ZoneOffset.UTC);
    String calls =
        "[{\"call\":\"BootNotification\",\"params\":{\"reason\":\"PowerUp\",\"chargingStation\":"
            + "{\"model\":\"DER\",\"vendorName\":\"Test\"}}}]";
    String replies =
        "{\"SetDERControl\":{\"status\":\"Accepted\"},\"SetVariables\":{\"setVariableResult\":"
            + "[{\"attributeStatus\":\"Accepted\",\"component\":{\"name\":\"SampledDataCtrlr\"},"
            + "\"variable\":{\"name\":\"TxUpdatedMeasurands\"}}]}}";
    try (NodePeer station =
        NodePeer.start(
            "station.js",
            "--endpoint",
            sandbox.uri().toString().replaceAll("/+$", ""),
            "--identity",
            "CP-DER",
            "--protocol",
            "ocpp2.1",
            "--calls",
            calls,
            "--replies",
            replies,
            "--until",
            "SetDERControl",
            "--until-count",
            String.valueOf(count),
            "--timeout-ms",
            "25000")) {
      assertThat(station.awaitExit(WAIT)).as(station.events() + station.stderr()).isZero();
      List<JsonNode> events = station.events();
      assertThat(events).noneMatch(e -> e.path("event").asText().equals("fatal"));
      assertThat(events).noneMatch(e -> e.path("event").asText().equals("strictValidationFailure"));
      assertThat(station.primitiveViolations()).isEmpty();
      return events.stream().filter(e -> e.path("event").asText().equals("call")).toList();
    } finally {
      sandbox.close();
      executor.shutdownNow();
    }
  }
}
