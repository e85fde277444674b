package io.kilowire.conformance.cases.v201;

import static io.kilowire.conformance.script.Expect.emptyOrAbsent;
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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.cases.Features;
import io.kilowire.conformance.cases.Profile;
import io.kilowire.conformance.script.CaseContext;
import io.kilowire.conformance.script.Expect;
import io.kilowire.conformance.script.Payload;
import io.kilowire.conformance.script.Step;
import io.kilowire.conformance.script.TokenRole;
import java.util.List;

/** Block D, Local Authorization List Management: sending the list, its version. */
public final class LocalList {
  /** The list version the station reports before the CSMS sends a new one. */
  static final int STATION_VERSION = 1;

  private LocalList() {}

  public static List<ConformanceCase> cases() {
    return List.of(
        Start.of("TC_D_01_CSMS", "Send the local authorization list: full")
            .useCases("D01")
            .requirements("D01.FR.01", "D01.FR.06", "D01.FR.18")
            .profile(Profile.LOCAL_AUTH_LIST)
            .main(
                sendList(
                    "Full",
                    true,
                    "Make the CSMS send this station a full local list with some tokens"),
                listVersionAsked(),
                expectCall(
                    "SendLocalList",
                    check("updateType", is("Full"), "D01.FR.01"),
                    check("versionNumber", greaterThan(0), "D01.FR.18"),
                    check("localAuthorizationList", notEmpty())),
                respond(obj("status", "Accepted"))),
        Start.of("TC_D_02_CSMS", "Send the local authorization list: differential update")
            .useCases("D01")
            .requirements("D01.FR.01", "D01.FR.06", "D01.FR.18")
            .profile(Profile.LOCAL_AUTH_LIST)
            .main(
                sendList(
                    "Differential",
                    true,
                    "Make the CSMS send this station a differential local list with some tokens"),
                listVersionAsked(),
                expectCall(
                    "SendLocalList",
                    check("updateType", is("Differential"), "D01.FR.01"),
                    check("versionNumber", greaterThan(STATION_VERSION), "D01.FR.18"),
                    check("localAuthorizationList", notEmpty())),
                respond(obj("status", "Accepted"))),
        Start.of("TC_D_03_CSMS", "Send the local authorization list: differential removal")
            .useCases("D01")
            .requirements("D01.FR.01", "D01.FR.06", "D01.FR.18", "D01.FR.17")
            .profile(Profile.LOCAL_AUTH_LIST)
            .main(
                sendList(
                    "Differential",
                    false,
                    "Make the CSMS remove tokens from this station's local list (a differential"
                        + " list without idTokenInfo)"),
                listVersionAsked(),
                expectCall(
                    "SendLocalList",
                    check("updateType", is("Differential"), "D01.FR.01"),
                    check("versionNumber", greaterThan(STATION_VERSION), "D01.FR.18"),
                    check(
                        "localAuthorizationList",
                        Expect.that(
                            "entries without idTokenInfo",
                            (JsonNode v) -> {
                              if (!v.isArray() || v.isEmpty()) {
                                return false;
                              }
                              for (JsonNode entry : v) {
                                if (entry.has("idTokenInfo")) {
                                  return false;
                                }
                              }
                              return true;
                            }),
                        "D01.FR.17")),
                respond(obj("status", "Accepted"))),
        Start.of("TC_D_04_CSMS", "Send the local authorization list: full and empty")
            .useCases("D01")
            .requirements("D01.FR.01", "D01.FR.06", "D01.FR.18")
            .profile(Profile.LOCAL_AUTH_LIST)
            .main(
                trigger(
                    "SendLocalList",
                    Payload.of(obj("versionNumber", STATION_VERSION + 1, "updateType", "Full")),
                    "Make the CSMS send this station a full local list without any token"),
                listVersionAsked(),
                expectCall(
                    "SendLocalList",
                    check("updateType", is("Full"), "D01.FR.01"),
                    check("localAuthorizationList", emptyOrAbsent())),
                respond(obj("status", "Accepted"))),
        Start.of("TC_D_08_CSMS", "Get the local list version")
            .useCases("D02")
            .profile(Profile.LOCAL_AUTH_LIST)
            .features(Features.has("LA-2"))
            .main(getVersion(), respond(obj("versionNumber", 5))),
        Start.of("TC_D_09_CSMS", "Get the local list version: no list")
            .useCases("D02")
            .profile(Profile.LOCAL_AUTH_LIST)
            .main(getVersion(), respond(obj("versionNumber", 0))));
  }

  /** Asks the CSMS to send a list with the valid tokens, or removals of them. */
  private static Step sendList(String type, boolean withInfo, String instruction) {
    return trigger(
        "SendLocalList",
        ctx ->
            obj(
                "versionNumber",
                STATION_VERSION + 1,
                "updateType",
                type,
                "localAuthorizationList",
                arr(entry(ctx, TokenRole.VALID, withInfo), entry(ctx, TokenRole.VALID2, withInfo))),
        instruction);
  }

  private static ObjectNode entry(CaseContext ctx, TokenRole role, boolean withInfo) {
    return obj(
        "idToken",
        Messages.idToken(ctx, role),
        "idTokenInfo",
        withInfo ? obj("status", "Accepted") : null);
  }

  /** The CSMS may first ask the station for its list version. */
  private static List<Step> listVersionAsked() {
    return steps(
        expectCall("GetLocalListVersion").asOptional(),
        respond(obj("versionNumber", STATION_VERSION)));
  }

  private static List<Step> getVersion() {
    return steps(
        trigger(
            "GetLocalListVersion",
            Payload.empty(),
            "Make the CSMS ask this station for the version of its local list"),
        expectCall("GetLocalListVersion"));
  }
}
