package io.kilowire.conformance.cases.v21;

import static io.kilowire.conformance.script.Expect.is;
import static io.kilowire.conformance.script.Expect.sizeIs;
import static io.kilowire.conformance.script.Json.arr;
import static io.kilowire.conformance.script.Json.obj;
import static io.kilowire.conformance.script.Verbs.check;
import static io.kilowire.conformance.script.Verbs.exchange;
import static io.kilowire.conformance.script.Verbs.expectCall;
import static io.kilowire.conformance.script.Verbs.respond;
import static io.kilowire.conformance.script.Verbs.steps;
import static io.kilowire.conformance.script.Verbs.trigger;

import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.cases.v201.ReusableStates;
import io.kilowire.conformance.script.Step;
import java.util.List;

/**
 * Block K, dynamic charging profiles (2.1 only): the CSMS sets a Dynamic profile and updates its
 * one period (UpdateDynamicSchedule), and answers a station that pulls the update itself
 * (PullDynamicScheduleUpdate).
 */
final class DynamicProfiles {
  private static final int PROFILE_ID = 3001;
  private static final int FIRST_LIMIT_W = 11000;
  private static final int UPDATED_LIMIT_W = 7400;

  private DynamicProfiles() {}

  static List<ConformanceCase> cases() {
    return List.of(
        DerControl.start("KW21_K_01_CSMS", "A Dynamic profile set, then its limit updated")
            .useCases("K28")
            .main(
                dynamicProfileSet(),
                trigger(
                    "UpdateDynamicSchedule",
                    ctx ->
                        obj(
                            "chargingProfileId",
                            PROFILE_ID,
                            "scheduleUpdate",
                            obj("limit", UPDATED_LIMIT_W)),
                    "Make the CSMS update the limit of Dynamic profile "
                        + PROFILE_ID
                        + " to "
                        + UPDATED_LIMIT_W
                        + " W"),
                expectCall(
                    "UpdateDynamicSchedule",
                    check("chargingProfileId", is(PROFILE_ID)),
                    check("scheduleUpdate.limit", is(UPDATED_LIMIT_W))),
                respond(obj("status", "Accepted"))),
        DerControl.start("KW21_K_02_CSMS", "A Dynamic profile's values pulled by the station")
            .useCases("K29")
            .before(dynamicProfileSet())
            .main(
                exchange(
                    "PullDynamicScheduleUpdate",
                    ctx -> obj("chargingProfileId", PROFILE_ID),
                    check("status", is("Accepted")),
                    // nothing updated it yet: the values it was set with
                    check("scheduleUpdate.limit", is(FIRST_LIMIT_W)))));
  }

  /** The CSMS sets a Dynamic TxDefaultProfile on the EVSE, its station to pull every minute. */
  private static List<Step> dynamicProfileSet() {
    return steps(
        trigger(
            "SetChargingProfile",
            ctx ->
                obj(
                    "evseId",
                    ReusableStates.activeEvse(ctx),
                    "chargingProfile",
                    obj(
                        "id",
                        PROFILE_ID,
                        "stackLevel",
                        1,
                        "chargingProfilePurpose",
                        "TxDefaultProfile",
                        "chargingProfileKind",
                        "Dynamic",
                        "dynUpdateInterval",
                        60,
                        "chargingSchedule",
                        arr(
                            obj(
                                "id",
                                1,
                                "chargingRateUnit",
                                "W",
                                "chargingSchedulePeriod",
                                arr(obj("startPeriod", 0, "limit", FIRST_LIMIT_W)))))),
            "Make the CSMS set on the configured EVSE the Dynamic TxDefaultProfile "
                + PROFILE_ID
                + ": "
                + FIRST_LIMIT_W
                + " W, pulled every 60 s"),
        expectCall(
            "SetChargingProfile",
            check("chargingProfile.id", is(PROFILE_ID)),
            check("chargingProfile.chargingProfileKind", is("Dynamic")),
            check("chargingProfile.dynUpdateInterval", is(60)),
            // a Dynamic profile has one period, the one its updates change
            check("chargingProfile.chargingSchedule[0].chargingSchedulePeriod", sizeIs(1))),
        respond(obj("status", "Accepted")));
  }
}
