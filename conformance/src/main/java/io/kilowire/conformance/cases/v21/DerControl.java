package io.kilowire.conformance.cases.v21;

import static io.kilowire.conformance.script.Expect.is;
import static io.kilowire.conformance.script.Expect.present;
import static io.kilowire.conformance.script.Json.arr;
import static io.kilowire.conformance.script.Json.obj;
import static io.kilowire.conformance.script.Verbs.check;
import static io.kilowire.conformance.script.Verbs.exchange;
import static io.kilowire.conformance.script.Verbs.expectCall;
import static io.kilowire.conformance.script.Verbs.expectResult;
import static io.kilowire.conformance.script.Verbs.respond;
import static io.kilowire.conformance.script.Verbs.send;
import static io.kilowire.conformance.script.Verbs.trigger;

import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.cases.v201.ReusableStates;
import java.util.List;

/**
 * Block R, DER control (2.1 only): the CSMS sets a DER control on the station, reads the station's
 * controls back, and takes the station's DER alarms.
 */
final class DerControl {
  /** The control the cases set and read: discharging capped at half the EV's rated power. */
  private static final String CONTROL_ID = "KW-LIMIT-DISCHARGE-1";

  private DerControl() {}

  static List<ConformanceCase> cases() {
    return List.of(
        start("KW21_R_01_CSMS", "A default DER control set on the station")
            .main(
                trigger(
                    "SetDERControl",
                    ctx -> setLimitMaxDischarge(),
                    "Make the CSMS set on this station the default DER control "
                        + CONTROL_ID
                        + ": LimitMaxDischarge, priority 1, 50 % of the EV's rated discharge power"),
                expectCall(
                    "SetDERControl",
                    check("isDefault", is(true)),
                    check("controlId", is(CONTROL_ID)),
                    check("controlType", is("LimitMaxDischarge")),
                    // the settings of the control's type travel in the field of that name
                    check("limitMaxDischarge.priority", is(1)),
                    check("limitMaxDischarge.pctMaxDischargePower", is(50))),
                respond(obj("status", "Accepted"))),
        start("KW21_R_02_CSMS", "The station's DER controls read back")
            .main(
                trigger(
                    "GetDERControl",
                    ctx -> obj("isDefault", true, "controlType", "LimitMaxDischarge"),
                    "Make the CSMS ask this station for its default LimitMaxDischarge controls"),
                expectCall(
                        "GetDERControl",
                        check("requestId", present()),
                        check("controlType", is("LimitMaxDischarge")))
                    .capture("requestId", "requestId"),
                respond(obj("status", "Accepted")),
                // the report the request asked for, answered like any other
                send(
                    "ReportDERControl",
                    ctx ->
                        obj(
                            "requestId",
                            ctx.var("requestId").asInt(),
                            "limitMaxDischarge",
                            arr(
                                obj(
                                    "id",
                                    CONTROL_ID,
                                    "isDefault",
                                    true,
                                    "isSuperseded",
                                    false,
                                    "limitMaxDischarge",
                                    limit())))),
                expectResult()),
        start("KW21_R_03_CSMS", "A DER alarm raised and ended")
            .main(
                exchange(
                    "NotifyDERAlarm",
                    ctx ->
                        obj(
                            "controlType",
                            "HFMustTrip",
                            "gridEventFault",
                            "OverFrequency",
                            "timestamp",
                            ctx.now())),
                exchange(
                    "NotifyDERAlarm",
                    ctx ->
                        obj(
                            "controlType",
                            "HFMustTrip",
                            "alarmEnded",
                            true,
                            "timestamp",
                            ctx.now()))));
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode setLimitMaxDischarge() {
    return obj(
        "isDefault",
        true,
        "controlId",
        CONTROL_ID,
        "controlType",
        "LimitMaxDischarge",
        "limitMaxDischarge",
        limit());
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode limit() {
    return obj("priority", 1, "pctMaxDischargePower", 50);
  }

  static ConformanceCase.Builder start(String id, String title) {
    return ConformanceCase.v21(id, title)
        .profile(io.kilowire.conformance.cases.Profile.OCPP21)
        .preamble(List.of(ReusableStates.booted()));
  }
}
