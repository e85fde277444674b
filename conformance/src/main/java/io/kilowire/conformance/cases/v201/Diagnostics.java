package io.kilowire.conformance.cases.v201;

import static io.kilowire.conformance.script.Expect.is;
import static io.kilowire.conformance.script.Expect.present;
import static io.kilowire.conformance.script.Json.obj;
import static io.kilowire.conformance.script.Verbs.check;
import static io.kilowire.conformance.script.Verbs.exchange;
import static io.kilowire.conformance.script.Verbs.expectCall;
import static io.kilowire.conformance.script.Verbs.respond;
import static io.kilowire.conformance.script.Verbs.steps;
import static io.kilowire.conformance.script.Verbs.trigger;

import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.cases.Profile;
import io.kilowire.conformance.script.Payload;
import io.kilowire.conformance.script.Step;
import java.util.ArrayList;
import java.util.List;

/** Block N, use case N01: the CSMS retrieves a station's diagnostics or security log. */
public final class Diagnostics {
  /** Where the cases ask the CSMS to have logs uploaded. */
  static final String LOCATION = "https://logs.example/upload/";

  static final String REQUEST = "logRequestId";
  static final String SECOND_REQUEST = "secondLogRequestId";

  private Diagnostics() {}

  public static List<ConformanceCase> cases() {
    return List.of(
        start("TC_N_25_CSMS", "Retrieve the diagnostics log")
            .main(
                getLog("DiagnosticsLog", REQUEST),
                respond(obj("status", "Accepted", "filename", "diagnostics.log")),
                statuses(REQUEST, "Uploading", "Uploaded")),
        start("TC_N_34_CSMS", "A station that cannot upload its log rejects the request")
            .main(getLog("DiagnosticsLog", REQUEST), respond(obj("status", "Rejected"))),
        start("TC_N_35_CSMS", "Retrieve the security log")
            .main(
                getLog("SecurityLog", REQUEST),
                respond(obj("status", "Accepted", "filename", "security.log")),
                statuses(REQUEST, "Uploading", "Uploaded")),
        start("TC_N_36_CSMS", "A second log request cancels the upload in progress")
            .main(
                getLog("DiagnosticsLog", REQUEST),
                respond(obj("status", "Accepted", "filename", "diagnostics.log")),
                statuses(REQUEST, "Uploading"),
                getLog("DiagnosticsLog", SECOND_REQUEST),
                respond(obj("status", "AcceptedCanceled", "filename", "diagnostics-2.log")),
                statuses(REQUEST, "AcceptedCanceled"),
                statuses(SECOND_REQUEST, "Uploading", "Uploaded")));
  }

  private static ConformanceCase.Builder start(String id, String title) {
    return Start.of(id, title).profile(Profile.CORE).useCases("N01");
  }

  /** Asks the CSMS for a log of {@code type} uploaded to {@link #LOCATION}; keeps its id. */
  private static List<Step> getLog(String type, String variable) {
    return steps(
        trigger(
            "GetLog",
            Payload.of(obj("logType", type, "log", obj("remoteLocation", LOCATION))),
            "Make the CSMS ask this station to upload its " + type + " to " + LOCATION),
        expectCall(
                "GetLog",
                check("logType", is(type)),
                check("log.remoteLocation", is(LOCATION)),
                check("requestId", present()))
            .capture("requestId", variable));
  }

  private static List<Step> statuses(String variable, String... statuses) {
    List<Step> out = new ArrayList<>();
    for (String s : statuses) {
      out.addAll(
          exchange(
              "LogStatusNotification", ctx -> obj("status", s, "requestId", ctx.var(variable))));
    }
    return out;
  }
}
