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
import java.util.List;
import java.util.Map;
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
    ExecutorTaskScheduler scheduler =
        ExecutorTaskScheduler.singleThread("sandbox-csms-test", Map.of());
    SandboxCsms sandbox =
        new SandboxCsms(
                new Console(new PrintStream(OutputStream.nullOutputStream())),
                scheduler,
                Clock.systemUTC(),
                0)
            .start();
    sandbox.derCurves(
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
    String calls =
        "[{\"call\":\"BootNotification\",\"params\":{\"reason\":\"PowerUp\",\"chargingStation\":"
            + "{\"model\":\"DER\",\"vendorName\":\"Test\"}}}]";
    String replies = "{\"SetDERControl\":{\"status\":\"Accepted\"}}";
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
            "--timeout-ms",
            "25000")) {
      assertThat(station.awaitExit(WAIT)).as(station.events() + station.stderr()).isZero();
      List<JsonNode> events = station.events();
      assertThat(events).noneMatch(e -> e.path("event").asText().equals("fatal"));
      assertThat(events).noneMatch(e -> e.path("event").asText().equals("strictValidationFailure"));
      assertThat(station.primitiveViolations()).isEmpty();
      JsonNode set =
          events.stream()
              .filter(e -> e.path("event").asText().equals("call"))
              .filter(e -> e.path("action").asText().equals("SetDERControl"))
              .findFirst()
              .orElseThrow()
              .path("params");
      assertThat(set.path("isDefault").asBoolean()).isTrue();
      assertThat(set.path("controlId").asText()).isEqualTo("fw");
      assertThat(set.path("controlType").asText()).isEqualTo("FreqWatt");
      JsonNode curve = set.path("curve");
      assertThat(curve.path("priority").asInt()).isEqualTo(1);
      assertThat(curve.path("yUnit").asText()).isEqualTo("PctMaxW");
      assertThat(curve.path("curveData")).hasSize(2);
      assertThat(curve.path("curveData").path(0).path("x").asDouble()).isEqualTo(49.8);
      assertThat(curve.path("curveData").path(1).path("y").asDouble()).isEqualTo(-100);
    } finally {
      sandbox.close();
      scheduler.close();
    }
  }
}
