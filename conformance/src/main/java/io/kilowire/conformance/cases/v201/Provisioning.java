package io.kilowire.conformance.cases.v201;

import static io.kilowire.conformance.cases.v201.Messages.boot;
import static io.kilowire.conformance.script.Expect.is;
import static io.kilowire.conformance.script.Json.obj;
import static io.kilowire.conformance.script.Verbs.check;
import static io.kilowire.conformance.script.Verbs.configure;
import static io.kilowire.conformance.script.Verbs.expand;
import static io.kilowire.conformance.script.Verbs.expectResult;
import static io.kilowire.conformance.script.Verbs.send;
import static io.kilowire.conformance.script.Verbs.waitFor;

import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.cases.Features;
import io.kilowire.conformance.script.Payload;
import io.kilowire.conformance.script.Step;
import java.time.Duration;
import java.util.List;

/** Block B, Provisioning: booting, variables, reports, resets, network profiles. */
public final class Provisioning {
  private Provisioning() {}

  public static List<ConformanceCase> cases() {
    return List.of(
        Start.of("TC_B_01_CSMS", "Cold boot: a known station is accepted")
            .useCases("B01")
            .requirements("B01.FR.02")
            .unbooted()
            .main(States.booted()),
        Start.of("TC_B_02_CSMS", "Cold boot: Pending first, Accepted after the interval")
            .useCases("B02")
            .requirements("B02.FR.01", "B02.FR.06")
            .features(Features.has("C-44"))
            .unbooted()
            .main(
                configure(
                    "BootNotification",
                    Payload.of(obj("status", "Pending")),
                    "Make the CSMS answer this station's next BootNotification with status Pending"),
                send("BootNotification", boot("PowerUp")),
                expectResult(check("status", is("Pending"), "B02.FR.01"))
                    .capture("interval", "interval"),
                waitInterval(),
                States.bootAccepted("PowerUp"),
                States.everyConnector("Available")));
  }

  /** Waits the interval the CSMS gave with its Pending answer (at least a second). */
  static Step waitInterval() {
    return expand(
        "wait the interval of the Pending answer",
        ctx -> List.of(waitFor(Duration.ofSeconds(Math.max(1, ctx.var("interval").asInt(1))))));
  }
}
