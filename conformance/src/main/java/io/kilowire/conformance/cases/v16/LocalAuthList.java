package io.kilowire.conformance.cases.v16;

import static io.kilowire.conformance.script.Expect.greaterThan;
import static io.kilowire.conformance.script.Expect.is;
import static io.kilowire.conformance.script.Expect.notEmpty;
import static io.kilowire.conformance.script.Json.arr;
import static io.kilowire.conformance.script.Json.obj;
import static io.kilowire.conformance.script.Verbs.check;
import static io.kilowire.conformance.script.Verbs.expectCall;
import static io.kilowire.conformance.script.Verbs.respond;
import static io.kilowire.conformance.script.Verbs.steps;
import static io.kilowire.conformance.script.Verbs.trigger;

import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.cases.Profile;
import io.kilowire.conformance.script.Payload;
import io.kilowire.conformance.script.Step;
import io.kilowire.conformance.script.TokenRole;
import java.util.List;

/** The OCPP 1.6 Local Auth List Management profile's Central System cases. */
public final class LocalAuthList {
  private LocalAuthList() {}

  public static List<ConformanceCase> cases() {
    return List.of(
        lal("TC_042_1_CSMS", "Local list version of a charge point without a list (-1)")
            .main(getVersion(), respond(obj("listVersion", -1))),
        lal("TC_042_2_CSMS", "Local list version of an empty list (0)")
            .main(getVersion(), respond(obj("listVersion", 0))),
        lal("TC_043_1_CSMS", "Send a local list the charge point does not support")
            .main(sendFull(), respond(obj("status", "NotSupported"))),
        lal("TC_043_3_CSMS", "Send a local list the charge point fails to store")
            .main(sendFull(), respond(obj("status", "Failed"))),
        lal("TC_043_4_CSMS", "Send a full local list")
            .main(sendFull(), respond(obj("status", "Accepted"))),
        lal("TC_043_5_CSMS", "Send a differential local list")
            .main(
                trigger(
                    "SendLocalList",
                    ctx ->
                        obj(
                            "listVersion",
                            2,
                            "updateType",
                            "Differential",
                            "localAuthorizationList",
                            arr(entry(Messages.idTag(ctx, TokenRole.VALID2)))),
                    "Make the Central System add the second valid idTag to this charge point's"
                        + " local list (a differential update)"),
                expectCall("GetLocalListVersion").asOptional(),
                respond(obj("listVersion", 1)),
                expectCall(
                    "SendLocalList",
                    check("updateType", is("Differential")),
                    check("listVersion", greaterThan(1)),
                    check("localAuthorizationList", notEmpty())),
                respond(obj("status", "Accepted"))));
  }

  private static ConformanceCase.Builder lal(String id, String title) {
    return Start.of(id, title, Profile.LOCAL_AUTH_LIST);
  }

  private static List<Step> getVersion() {
    return steps(
        trigger(
            "GetLocalListVersion",
            Payload.empty(),
            "Make the Central System ask this charge point for its local list version"),
        expectCall("GetLocalListVersion"));
  }

  private static List<Step> sendFull() {
    return steps(
        trigger(
            "SendLocalList",
            ctx ->
                obj(
                    "listVersion",
                    1,
                    "updateType",
                    "Full",
                    "localAuthorizationList",
                    arr(entry(Messages.idTag(ctx, TokenRole.VALID)))),
            "Make the Central System send this charge point a full local list with the valid"
                + " idTag"),
        expectCall(
            "SendLocalList",
            check("updateType", is("Full")),
            check("listVersion", greaterThan(0)),
            check("localAuthorizationList", notEmpty())));
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode entry(String idTag) {
    return obj("idTag", idTag, "idTagInfo", obj("status", "Accepted"));
  }
}
