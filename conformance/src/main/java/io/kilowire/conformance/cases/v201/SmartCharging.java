package io.kilowire.conformance.cases.v201;

import static io.kilowire.conformance.cases.v201.Messages.idToken;
import static io.kilowire.conformance.cases.v201.Messages.transactionEvent;
import static io.kilowire.conformance.script.Expect.absent;
import static io.kilowire.conformance.script.Expect.differsFromVar;
import static io.kilowire.conformance.script.Expect.is;
import static io.kilowire.conformance.script.Expect.isVar;
import static io.kilowire.conformance.script.Expect.numberOneOf;
import static io.kilowire.conformance.script.Expect.oneOf;
import static io.kilowire.conformance.script.Expect.present;
import static io.kilowire.conformance.script.Json.arr;
import static io.kilowire.conformance.script.Json.obj;
import static io.kilowire.conformance.script.Verbs.check;
import static io.kilowire.conformance.script.Verbs.exchange;
import static io.kilowire.conformance.script.Verbs.expand;
import static io.kilowire.conformance.script.Verbs.expectCall;
import static io.kilowire.conformance.script.Verbs.expectResult;
import static io.kilowire.conformance.script.Verbs.respond;
import static io.kilowire.conformance.script.Verbs.respondError;
import static io.kilowire.conformance.script.Verbs.send;
import static io.kilowire.conformance.script.Verbs.state;
import static io.kilowire.conformance.script.Verbs.steps;
import static io.kilowire.conformance.script.Verbs.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.cases.Features;
import io.kilowire.conformance.cases.Profile;
import io.kilowire.conformance.lab.LabConfiguration;
import io.kilowire.conformance.script.CaseContext;
import io.kilowire.conformance.script.Check;
import io.kilowire.conformance.script.Expect;
import io.kilowire.conformance.script.Payload;
import io.kilowire.conformance.script.Step;
import io.kilowire.conformance.script.TokenRole;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;

/** Block K, Smart charging: profiles, their reports and removal, composite schedules, ISO 15118. */
public final class SmartCharging {
  /** The profile id the station reports having (K_05, K_32). */
  static final int KNOWN_PROFILE_ID = 77;

  private SmartCharging() {}

  public static List<ConformanceCase> cases() {
    return List.of(
        sc("TC_K_01_CSMS", "Set a TxDefaultProfile on one EVSE")
            .useCases("K01")
            .requirements("K01.FR.31")
            .main(
                setProfile(
                    new ProfileSpec("TxDefaultProfile", "Absolute", 6).onConfiguredEvse().dated(),
                    "Make the CSMS set a TxDefaultProfile of 6 A (6000 W) on the configured EVSE",
                    "K01.FR.31"),
                respond(obj("status", "Accepted"))),
        sc("TC_K_02_CSMS", "Set a TxProfile while no transaction runs: rejected")
            .useCases("K01")
            .main(
                setProfile(
                    new ProfileSpec("TxProfile", "Relative", 7).onConfiguredEvse(),
                    "Make the CSMS set a relative TxProfile of 7 A (7000 W) on the configured EVSE",
                    ""),
                respond(obj("status", "Rejected"))),
        sc("TC_K_03_CSMS", "Set a ChargingStationMaxProfile")
            .useCases("K01")
            .requirements("K01.FR.31", "K01.FR.38")
            .main(
                setProfile(
                    new ProfileSpec("ChargingStationMaxProfile", "Absolute", 8).dated(),
                    "Make the CSMS set a ChargingStationMaxProfile of 8 A (8000 W) on this station",
                    "K01.FR.38"),
                respond(obj("status", "Accepted"))),
        sc("TC_K_04_CSMS", "Replace a profile: same id, another limit")
            .main(
                setProfile(
                    new ProfileSpec("TxDefaultProfile", "Absolute", 8).onConfiguredEvse().dated(),
                    "Make the CSMS set a TxDefaultProfile of 8 A (8000 W) on the configured EVSE",
                    ""),
                respond(obj("status", "Accepted")),
                rememberProfileId("first"),
                trigger(
                    "SetChargingProfile",
                    ctx ->
                        new ProfileSpec("TxDefaultProfile", "Absolute", 6)
                            .onConfiguredEvse()
                            .dated()
                            .withId(ctx.var("first").asInt())
                            .request(ctx),
                    "Make the CSMS replace that profile with one of 6 A (6000 W)"),
                expectCall(
                    "SetChargingProfile", check("chargingProfile.id", isVar("first")), limitIs(6)),
                respond(obj("status", "Accepted"))),
        sc("TC_K_05_CSMS", "Clear a charging profile by its id")
            .useCases("K10")
            .requirements("K10.FR.02")
            .before(reportKnownProfile())
            .main(
                trigger(
                    "ClearChargingProfile",
                    Payload.of(obj("chargingProfileId", KNOWN_PROFILE_ID)),
                    "Make the CSMS clear charging profile "
                        + KNOWN_PROFILE_ID
                        + " of this station"),
                expectCall(
                    "ClearChargingProfile",
                    check("chargingProfileId", is(KNOWN_PROFILE_ID), "K10.FR.02"),
                    check("chargingProfileCriteria", absent())),
                respond(obj("status", "Accepted"))),
        sc("TC_K_06_CSMS", "Clear a charging profile by stack level and purpose")
            .useCases("K10")
            .requirements("K10.FR.02")
            .main(clearByCriteria(), respond(obj("status", "Accepted"))),
        sc("TC_K_08_CSMS", "Clear a charging profile the station does not have")
            .useCases("K10")
            .main(clearByCriteria(), respond(obj("status", "Unknown"))),
        sc("TC_K_10_CSMS", "Set a TxDefaultProfile for all EVSEs")
            .useCases("K01")
            .requirements("K01.FR.31")
            .features(Features.has("SC-4"))
            .main(
                setProfile(
                    new ProfileSpec("TxDefaultProfile", "Absolute", 6).dated(),
                    "Make the CSMS set a TxDefaultProfile of 6 A (6000 W) on EVSE 0 (all EVSEs)",
                    "K01.FR.31"),
                respond(obj("status", "Accepted"))),
        sc("TC_K_15_CSMS", "Set a profile on a station without smart charging")
            .useCases("K01")
            .main(
                setProfile(
                    new ProfileSpec("TxDefaultProfile", "Absolute", 6).onConfiguredEvse().dated(),
                    "Make the CSMS set a TxDefaultProfile of 6 A (6000 W) on the configured EVSE",
                    ""),
                respondError("NotSupported")),
        sc("TC_K_19_CSMS", "Set a recurring profile")
            .useCases("K01")
            .main(
                setProfile(
                    new ProfileSpec("TxDefaultProfile", "Recurring", 6)
                        .onConfiguredEvse()
                        .recurring(),
                    "Make the CSMS set a recurring TxDefaultProfile on the configured EVSE",
                    ""),
                respond(obj("status", "Accepted"))),
        sc("TC_K_29_CSMS", "Get charging profiles of EVSE 0")
            .useCases("K09")
            .requirements("K09.FR.03")
            .before(States.energyTransferStarted())
            .main(
                getProfiles(
                    ctx ->
                        obj(
                            "evseId",
                            0,
                            "chargingProfile",
                            obj("chargingProfilePurpose", purpose(ctx))),
                    "Make the CSMS ask this station for its charging profiles of EVSE 0 with the"
                        + " configured purpose",
                    check("evseId", is(0)),
                    check(
                        "chargingProfile.chargingProfilePurpose",
                        is("the configured purpose", SmartCharging::purpose))),
                reportProfiles(null)),
        sc("TC_K_30_CSMS", "Get charging profiles of one EVSE")
            .useCases("K09")
            .requirements("K09.FR.03")
            .main(
                getProfiles(
                    ctx -> obj("evseId", ctx.evseId(), "chargingProfile", obj()),
                    "Make the CSMS ask this station for the charging profiles of the configured EVSE",
                    evseIsConfigured()),
                reportProfiles(null)),
        sc("TC_K_31_CSMS", "Get charging profiles of every EVSE")
            .useCases("K09")
            .requirements("K09.FR.03")
            .main(
                getProfiles(
                    ctx -> obj("chargingProfile", obj()),
                    "Make the CSMS ask this station for all its charging profiles",
                    check("evseId", absent())),
                expand(
                    "a report for every EVSE",
                    ctx -> {
                      List<Step> out = new ArrayList<>();
                      List<LabConfiguration.Evse> evses = ctx.lab().evses();
                      for (int i = 0; i < evses.size(); i++) {
                        out.addAll(report(evses.get(i).id(), i < evses.size() - 1));
                      }
                      return out;
                    })),
        sc("TC_K_32_CSMS", "Get a charging profile by its id")
            .useCases("K09")
            .requirements("K09.FR.03")
            .before(reportKnownProfile())
            .main(
                getProfiles(
                    ctx -> obj("chargingProfile", obj("chargingProfileId", arr(KNOWN_PROFILE_ID))),
                    "Make the CSMS ask this station for charging profile " + KNOWN_PROFILE_ID,
                    check(
                        "chargingProfile.chargingProfileId",
                        Expect.that(
                            "a list holding " + KNOWN_PROFILE_ID,
                            (JsonNode v) ->
                                v.isArray()
                                    && v.toString().matches(".*\\b" + KNOWN_PROFILE_ID + "\\b.*"))),
                    check("requestId", present())),
                reportProfiles(null)),
        sc("TC_K_33_CSMS", "Get charging profiles of one EVSE and stack level")
            .useCases("K09")
            .requirements("K09.FR.03")
            .main(
                getProfiles(
                    ctx ->
                        obj(
                            "evseId",
                            ctx.evseId(),
                            "chargingProfile",
                            obj("stackLevel", stackLevel(ctx))),
                    "Make the CSMS ask this station for the configured EVSE's profiles of the"
                        + " configured stack level",
                    evseIsConfigured(),
                    check(
                        "chargingProfile.stackLevel",
                        is("the configured stack level", SmartCharging::stackLevel))),
                reportProfiles(null)),
        sc("TC_K_34_CSMS", "Get charging profiles of one EVSE and limit source")
            .useCases("K09")
            .requirements("K09.FR.03")
            .main(
                getProfiles(
                    ctx ->
                        obj(
                            "evseId",
                            ctx.evseId(),
                            "chargingProfile",
                            obj(
                                "chargingLimitSource",
                                arr(ctx.lab().smartCharging().chargingLimitSource()))),
                    "Make the CSMS ask this station for the configured EVSE's profiles from the"
                        + " configured limit source",
                    evseIsConfigured(),
                    check(
                        "chargingProfile.chargingLimitSource[0]",
                        is(
                            "the configured source",
                            ctx -> ctx.lab().smartCharging().chargingLimitSource()))),
                reportProfiles(null)),
        sc("TC_K_35_CSMS", "Get charging profiles of one EVSE and purpose")
            .useCases("K09")
            .requirements("K09.FR.03")
            .main(
                getProfiles(
                    ctx ->
                        obj(
                            "evseId",
                            ctx.evseId(),
                            "chargingProfile",
                            obj("chargingProfilePurpose", purpose(ctx))),
                    "Make the CSMS ask this station for the configured EVSE's profiles of the"
                        + " configured purpose",
                    evseIsConfigured(),
                    check(
                        "chargingProfile.chargingProfilePurpose",
                        is("the configured purpose", SmartCharging::purpose))),
                reportProfiles(null)),
        sc("TC_K_36_CSMS", "Get charging profiles of one EVSE, purpose and stack level")
            .useCases("K09")
            .requirements("K09.FR.03")
            .main(
                getProfiles(
                    ctx ->
                        obj(
                            "evseId",
                            ctx.evseId(),
                            "chargingProfile",
                            obj(
                                "chargingProfilePurpose",
                                purpose(ctx),
                                "stackLevel",
                                stackLevel(ctx))),
                    "Make the CSMS ask this station for the configured EVSE's profiles of the"
                        + " configured purpose and stack level",
                    evseIsConfigured(),
                    check(
                        "chargingProfile.chargingProfilePurpose",
                        is("the configured purpose", SmartCharging::purpose)),
                    check(
                        "chargingProfile.stackLevel",
                        is("the configured stack level", SmartCharging::stackLevel))),
                reportProfiles(null)),
        sc("TC_K_60_CSMS", "Set a TxProfile on a running transaction")
            .useCases("K01")
            .requirements("K01.FR.03", "K01.FR.31")
            .before(States.energyTransferStarted())
            .main(
                setTxProfile(
                    "Make the CSMS set a TxProfile on the transaction running on the configured EVSE"),
                respond(obj("status", "Accepted"))),
        sc("TC_K_37_CSMS", "Remote start with a charging profile")
            .useCases("K05", "F01")
            .requirements("K05.FR.02", "F01.FR.08", "F01.FR.09", "F01.FR.11")
            .main(
                trigger(
                    "RequestStartTransaction",
                    ctx ->
                        obj(
                            "idToken",
                            idToken(ctx, TokenRole.VALID),
                            "evseId",
                            ctx.evseId(),
                            "chargingProfile",
                            new ProfileSpec("TxProfile", "Relative", 16).profile(ctx)),
                    "Make the CSMS remote-start a transaction on the configured EVSE for the valid"
                        + " token, with a relative TxProfile"),
                RemoteControl.expectRemoteStart(
                    check("evseId", is("the configured EVSE", CaseContext::evseId)),
                    check("chargingProfile.chargingProfilePurpose", is("TxProfile"), "K05.FR.02"),
                    check("chargingProfile.transactionId", absent(), "F01.FR.09"),
                    check("chargingProfile.chargingProfileKind", is("Relative"))),
                respond(obj("status", "Accepted")),
                exchange(
                    "TransactionEvent",
                    transactionEvent("Started", "RemoteStart").remoteStartId())),
        sc("TC_K_43_CSMS", "Get the composite schedule of one EVSE")
            .useCases("K08")
            .requirements("K08.FR.01")
            .main(compositeSchedule(false)),
        sc("TC_K_44_CSMS", "Get the composite schedule of the station")
            .useCases("K08")
            .requirements("K08.FR.01")
            .main(compositeSchedule(true)),
        sc("TC_K_48_CSMS", "An external charging limit is reported")
            .useCases("K12")
            .main(
                exchange(
                    "NotifyChargingLimit",
                    Payload.of(obj("chargingLimit", obj("chargingLimitSource", "EMS"))))),
        sc("TC_K_50_CSMS", "An external charging limit is released")
            .useCases("K13")
            .main(exchange("ClearedChargingLimit", Payload.of(obj("chargingLimitSource", "EMS")))),
        sc("TC_K_51_CSMS", "An external charging limit is released during a transaction")
            .useCases("K13")
            .before(States.energyTransferStarted())
            .main(
                exchange(
                    "ClearedChargingLimit",
                    ctx -> obj("chargingLimitSource", "EMS", "evseId", ctx.evseId())),
                exchange("TransactionEvent", transactionEvent("Updated", "ChargingRateChanged"))),
        sc("TC_K_52_CSMS", "External constraints appear in the profiles report")
            .useCases("K12")
            .main(
                getProfiles(
                    ctx -> obj("chargingProfile", obj("chargingLimitSource", arr("EMS"))),
                    "Make the CSMS ask this station for its charging profiles set by the EMS"),
                reportProfiles("ChargingStationExternalConstraints")),
        iso("TC_K_53_CSMS", "ISO 15118 load leveling: the CSMS answers the EV's needs")
            .useCases("K15")
            .requirements("K15.FR.02", "K15.FR.03", "K15.FR.05", "K15.FR.07", "K15.FR.11")
            .before(States.authorized(), States.evConnectedPreSession())
            .main(iso15118SmartCharging()),
        iso("TC_K_55_CSMS", "ISO 15118 load leveling: an EV schedule above the limits is refused")
            .useCases("K15", "K16", "K17")
            .requirements(
                "K15.FR.12", "K15.FR.13", "K16.FR.07", "K16.FR.08", "K17.FR.12", "K17.FR.13")
            .before(States.authorized(), States.evConnectedPreSession())
            .main(
                chargingNeeds(true),
                expectTxProfile(),
                respond(obj("status", "Accepted")),
                evSchedule(true),
                exchange(
                    "TransactionEvent",
                    transactionEvent("Updated", "ChargingStateChanged").chargingState("Charging")),
                expectTxProfile(),
                respond(obj("status", "Accepted")),
                evSchedule(false),
                exchange("TransactionEvent", transactionEvent("Updated", "ChargingRateChanged"))),
        iso("TC_K_57_CSMS", "ISO 15118 renegotiation started by the EV")
            .useCases("K17")
            .requirements("K17.FR.02", "K17.FR.03", "K17.FR.05", "K17.FR.07", "K17.FR.11")
            .before(States.authorized(), States.evConnectedPreSession(), iso15118SmartCharging())
            .main(
                chargingNeeds(false),
                exchange("TransactionEvent", transactionEvent("Updated", "ChargingRateChanged")),
                expectTxProfile(),
                respond(obj("status", "Accepted")),
                evSchedule(false),
                exchange("TransactionEvent", transactionEvent("Updated", "ChargingRateChanged"))),
        iso("TC_K_58_CSMS", "ISO 15118 renegotiation started by the CSMS")
            .useCases("K16")
            .requirements("K16.FR.06")
            .before(States.authorized(), States.evConnectedPreSession(), iso15118SmartCharging())
            .main(
                setTxProfile(
                    "Make the CSMS renegotiate: a new TxProfile for the running transaction"),
                respond(obj("status", "Accepted")),
                evSchedule(false),
                exchange("TransactionEvent", transactionEvent("Updated", "ChargingRateChanged"))),
        iso("TC_K_59_CSMS", "ISO 15118 renegotiation by the CSMS; the EV sends new needs")
            .useCases("K16")
            .requirements("K16.FR.12")
            .before(States.authorized(), States.evConnectedPreSession(), iso15118SmartCharging())
            .main(
                setTxProfile(
                    "Make the CSMS renegotiate: a new TxProfile for the running transaction"),
                respond(obj("status", "Accepted")),
                chargingNeeds(false),
                expectTxProfile(),
                respond(obj("status", "Accepted")),
                evSchedule(false),
                exchange("TransactionEvent", transactionEvent("Updated", "ChargingRateChanged"))),
        sc("TC_K_70_CSMS", "Set two profiles on different stack levels")
            .main(
                setProfile(
                    new ProfileSpec("TxDefaultProfile", "Absolute", 6).onConfiguredEvse().dated(),
                    "Make the CSMS set a TxDefaultProfile on the configured EVSE at the configured"
                        + " stack level",
                    ""),
                respond(obj("status", "Accepted")),
                rememberProfileId("first"),
                trigger(
                    "SetChargingProfile",
                    ctx ->
                        new ProfileSpec("TxDefaultProfile", "Absolute", 6)
                            .onConfiguredEvse()
                            .dated()
                            .atStackLevel(ctx.lab().smartCharging().stackLevel2())
                            .withId(ctx.var("first").asInt() + 1)
                            .request(ctx),
                    "Make the CSMS set a second TxDefaultProfile on the configured EVSE at the"
                        + " second configured stack level"),
                expectCall(
                    "SetChargingProfile",
                    check("chargingProfile.id", differsFromVar("first")),
                    check(
                        "chargingProfile.stackLevel",
                        is(
                            "the second configured stack level",
                            ctx -> ctx.lab().smartCharging().stackLevel2()))),
                respond(obj("status", "Accepted"))));
  }

  private static ConformanceCase.Builder sc(String id, String title) {
    return Start.of(id, title).profile(Profile.SMART_CHARGING);
  }

  private static ConformanceCase.Builder iso(String id, String title) {
    return Start.of(id, title).profile(Profile.ISO15118);
  }

  static String purpose(CaseContext ctx) {
    return ctx.lab().smartCharging().chargingProfilePurpose();
  }

  static int stackLevel(CaseContext ctx) {
    return ctx.lab().smartCharging().stackLevel();
  }

  private static Check evseIsConfigured() {
    return check("evseId", is("the configured EVSE", CaseContext::evseId));
  }

  /** A limit of {@code amps}, written as amperes or watts (x 1000) by the configured unit. */
  private static Check limitIs(int amps) {
    return check(
        "chargingProfile.chargingSchedule[0].chargingSchedulePeriod[0].limit",
        numberOneOf(String.valueOf(amps), String.valueOf(amps * 1000)));
  }

  /** What a SetChargingProfileRequest of a case carries. */
  static final class ProfileSpec {
    private final String purpose;
    private final String kind;
    private final int amps;
    private boolean onEvse;
    private boolean dated;
    private boolean recurring;
    private boolean forTransaction;
    private @Nullable Integer stackLevel;
    private @Nullable Integer id;

    ProfileSpec(String purpose, String kind, int amps) {
      this.purpose = purpose;
      this.kind = kind;
      this.amps = amps;
    }

    ProfileSpec onConfiguredEvse() {
      this.onEvse = true;
      return this;
    }

    /** validFrom now, validTo after the schedule's duration, startSchedule now. */
    ProfileSpec dated() {
      this.dated = true;
      return this;
    }

    ProfileSpec recurring() {
      this.recurring = true;
      return this;
    }

    ProfileSpec forTransaction() {
      this.forTransaction = true;
      return this;
    }

    ProfileSpec atStackLevel(int level) {
      this.stackLevel = level;
      return this;
    }

    ProfileSpec withId(int profileId) {
      this.id = profileId;
      return this;
    }

    ObjectNode request(CaseContext ctx) {
      return obj("evseId", onEvse ? Messages.activeEvse(ctx) : 0, "chargingProfile", profile(ctx));
    }

    ObjectNode profile(CaseContext ctx) {
      LabConfiguration.SmartCharging sc = ctx.lab().smartCharging();
      boolean watts = sc.chargingRateUnit().equals("W");
      int phases = sc.numberPhases();
      ObjectNode period =
          obj("startPeriod", 0, "limit", watts ? amps * 1000 : amps, "numberPhases", phases);
      ObjectNode schedule =
          obj(
              "id",
              1,
              "startSchedule",
              dated || recurring ? ctx.now() : null,
              "duration",
              sc.duration(),
              "chargingRateUnit",
              sc.chargingRateUnit(),
              "chargingSchedulePeriod",
              arr(period));
      return obj(
          "id",
          id != null ? id : 1 + (int) (ctx.now().getEpochSecond() % 1000),
          "stackLevel",
          stackLevel != null ? stackLevel : sc.stackLevel(),
          "chargingProfilePurpose",
          purpose,
          "chargingProfileKind",
          kind,
          "recurrencyKind",
          recurring ? sc.recurrencyKind() : null,
          "validFrom",
          dated ? ctx.now() : null,
          "validTo",
          dated ? ctx.now().plus(Duration.ofSeconds(sc.duration())) : null,
          "transactionId",
          forTransaction ? Messages.transactionId(ctx) : null,
          "chargingSchedule",
          arr(schedule));
    }

    /** The tool validations of this profile. */
    List<Check> checks(String requirement) {
      List<Check> checks = new ArrayList<>();
      String p = "chargingProfile.";
      String s = p + "chargingSchedule[0].";
      String period = s + "chargingSchedulePeriod[0].";
      checks.add(
          onEvse
              ? check("evseId", is("the configured EVSE", Messages::activeEvse), requirement)
              : check("evseId", is(0), requirement));
      if (stackLevel == null) {
        checks.add(
            check(p + "stackLevel", is("the configured stack level", SmartCharging::stackLevel)));
      }
      checks.add(check(p + "chargingProfilePurpose", is(purpose), requirement));
      checks.add(
          check(
              p + "chargingProfileKind",
              purpose.equals("ChargingStationMaxProfile")
                  ? oneOf("Absolute", "Relative")
                  : is(kind)));
      if (recurring) {
        checks.add(
            check(
                p + "recurrencyKind",
                is(
                    "the configured recurrencyKind",
                    ctx -> ctx.lab().smartCharging().recurrencyKind())));
      }
      if (dated) {
        checks.add(check(p + "validFrom", present()));
        checks.add(check(p + "validTo", present()));
        checks.add(check(s + "startSchedule", present()));
        checks.add(
            check(
                s + "duration",
                is("the configured duration", ctx -> ctx.lab().smartCharging().duration())));
      }
      checks.add(
          check(
              s + "chargingRateUnit",
              is("the configured unit", ctx -> ctx.lab().smartCharging().chargingRateUnit())));
      checks.add(check(period + "startPeriod", is(0)));
      checks.add(limitIs(amps));
      checks.add(
          check(
              period + "numberPhases",
              Expect.that(
                  "the configured numberPhases (or absent for 3)",
                  (JsonNode v, CaseContext ctx) -> {
                    int configured = ctx.lab().smartCharging().numberPhases();
                    return (v.isMissingNode() && configured == 3)
                        || (v.isIntegralNumber() && v.asInt() == configured);
                  })));
      checks.add(
          check(
              s + "chargingSchedulePeriod",
              Expect.that(
                  "no phaseToUse unless numberPhases is 1",
                  (JsonNode v) -> {
                    for (JsonNode each : v) {
                      if (each.has("phaseToUse") && each.path("numberPhases").asInt(3) != 1) {
                        return false;
                      }
                    }
                    return true;
                  })));
      return checks;
    }
  }

  /** The CSMS sends the profile {@code spec} describes. */
  private static List<Step> setProfile(ProfileSpec spec, String instruction, String requirement) {
    return steps(
        trigger("SetChargingProfile", spec::request, instruction),
        expectCall("SetChargingProfile", spec.checks(requirement).toArray(Check[]::new)));
  }

  private static Step rememberProfileId(String variable) {
    return io.kilowire.conformance.script.Verbs.compute(
        "remember the profile's id",
        ctx -> ctx.set(variable, ctx.var(CaseContext.LAST_CALL).at("/chargingProfile/id")));
  }

  /** A TxProfile on the running transaction of the configured EVSE. */
  private static List<Step> setTxProfile(String instruction) {
    return steps(
        trigger(
            "SetChargingProfile",
            ctx ->
                new ProfileSpec("TxProfile", "Relative", 16)
                    .onConfiguredEvse()
                    .forTransaction()
                    .request(ctx),
            instruction),
        expectTxProfile());
  }

  /** The CSMS's TxProfile for the running transaction of the configured EVSE. */
  private static Step.ExpectCall expectTxProfile() {
    return expectCall(
        "SetChargingProfile",
        check("evseId", is("the configured EVSE", Messages::activeEvse)),
        check("chargingProfile.chargingProfilePurpose", is("TxProfile")),
        check("chargingProfile.transactionId", Messages.isTransactionId(), "K01.FR.03"));
  }

  private static List<Step> clearByCriteria() {
    return steps(
        trigger(
            "ClearChargingProfile",
            ctx ->
                obj(
                    "chargingProfileCriteria",
                    obj(
                        "evseId",
                        ctx.evseId(),
                        "chargingProfilePurpose",
                        "TxDefaultProfile",
                        "stackLevel",
                        stackLevel(ctx))),
            "Make the CSMS clear the configured EVSE's TxDefaultProfile of the configured stack"
                + " level"),
        expectCall(
            "ClearChargingProfile",
            check(
                "chargingProfileCriteria.chargingProfilePurpose",
                is("TxDefaultProfile"),
                "K10.FR.02"),
            check(
                "chargingProfileCriteria.stackLevel",
                is("the configured stack level", SmartCharging::stackLevel)),
            check(
                "chargingProfileCriteria.evseId", is("the configured EVSE", CaseContext::evseId))));
  }

  /** The CSMS asks for profiles (it picks the requestId); accepted. */
  private static List<Step> getProfiles(Payload criteria, String instruction, Check... checks) {
    return steps(
        trigger("GetChargingProfiles", criteria, instruction),
        expectCall("GetChargingProfiles", checks).capture("requestId", "requestId"),
        respond(obj("status", "Accepted")));
  }

  /** One report for the request, with a TxDefaultProfile (or a profile of {@code purpose}). */
  private static List<Step> reportProfiles(@Nullable String purpose) {
    return steps(
        exchange(
            "ReportChargingProfiles",
            ctx -> {
              ObjectNode profile =
                  new ProfileSpec(purpose == null ? "TxDefaultProfile" : purpose, "Absolute", 16)
                      .dated()
                      .withId(KNOWN_PROFILE_ID)
                      .profile(ctx);
              return obj(
                  "requestId",
                  ctx.var("requestId").asInt(),
                  "chargingLimitSource",
                  purpose == null ? "CSO" : "EMS",
                  "evseId",
                  purpose == null ? ctx.evseId() : 0,
                  "chargingProfile",
                  arr(profile));
            }));
  }

  private static List<Step> report(int evseId, boolean more) {
    return exchange(
        "ReportChargingProfiles",
        ctx ->
            obj(
                "requestId",
                ctx.var("requestId").asInt(),
                "chargingLimitSource",
                "CSO",
                "evseId",
                evseId,
                "tbc",
                more,
                "chargingProfile",
                arr(
                    new ProfileSpec("TxDefaultProfile", "Absolute", 16)
                        .dated()
                        .withId(KNOWN_PROFILE_ID + evseId)
                        .profile(ctx))));
  }

  /** Memory state: the CSMS has read the station's profiles and knows profile 77. */
  private static Step reportKnownProfile() {
    return state(
        "the CSMS knows the station's profiles",
        getProfiles(
            ctx -> obj("chargingProfile", obj()),
            "Make the CSMS ask this station for all its charging profiles"),
        reportProfiles(null));
  }

  private static List<Step> compositeSchedule(boolean station) {
    ToIntFunction<CaseContext> evse = ctx -> station ? 0 : ctx.evseId();
    return steps(
        trigger(
            "GetCompositeSchedule",
            ctx ->
                obj(
                    "evseId",
                    evse.applyAsInt(ctx),
                    "duration",
                    ctx.lab().smartCharging().duration(),
                    "chargingRateUnit",
                    ctx.lab().smartCharging().chargingRateUnit()),
            "Make the CSMS ask for the composite schedule of "
                + (station ? "this station (EVSE 0)" : "the configured EVSE")),
        expectCall(
            "GetCompositeSchedule",
            check(
                "evseId",
                is(station ? "EVSE 0" : "the configured EVSE", ctx -> evse.applyAsInt(ctx)),
                "K08.FR.01"),
            check(
                "duration",
                is("the configured duration", ctx -> ctx.lab().smartCharging().duration())),
            check(
                "chargingRateUnit",
                is("the configured unit", ctx -> ctx.lab().smartCharging().chargingRateUnit()))),
        respond(
            ctx -> {
              boolean watts = ctx.lab().smartCharging().chargingRateUnit().equals("W");
              return obj(
                  "status",
                  "Accepted",
                  "schedule",
                  obj(
                      "evseId",
                      evse.applyAsInt(ctx),
                      "duration",
                      300,
                      "scheduleStart",
                      ctx.now(),
                      "chargingRateUnit",
                      ctx.lab().smartCharging().chargingRateUnit(),
                      "chargingSchedulePeriod",
                      arr(obj("startPeriod", 0, "limit", watts ? 10000 : 10))));
            }));
  }

  /** Reusable state ISO15118SmartCharging. */
  static Step iso15118SmartCharging() {
    return state(
        "ISO15118SmartCharging",
        chargingNeeds(false),
        expectTxProfile(),
        respond(obj("status", "Accepted")),
        evSchedule(false),
        exchange(
            "TransactionEvent",
            transactionEvent("Updated", "ChargingStateChanged").chargingState("Charging")));
  }

  /** The EV's charging needs; the CSMS accepts them (or will answer them: Processing). */
  private static List<Step> chargingNeeds(boolean acceptedOnly) {
    return steps(
        send(
            "NotifyEVChargingNeeds",
            ctx ->
                obj(
                    "evseId",
                    Messages.activeEvse(ctx),
                    "maxScheduleTuples",
                    3,
                    "chargingNeeds",
                    obj(
                        "requestedEnergyTransfer",
                        "AC_three_phase",
                        "departureTime",
                        ctx.now().plus(Duration.ofHours(4)),
                        "acChargingParameters",
                        obj(
                            "energyAmount",
                            20000,
                            "evMinCurrent",
                            6,
                            "evMaxCurrent",
                            32,
                            "evMaxVoltage",
                            400)))),
        expectResult(
            check(
                "status",
                acceptedOnly ? is("Accepted") : oneOf("Accepted", "Processing"),
                "K15.FR.02")));
  }

  /**
   * The EV's schedule back to the CSMS: the one of the last TxProfile, or ({@code exceeding}) one
   * above its limit, which the CSMS must refuse.
   */
  private static List<Step> evSchedule(boolean exceeding) {
    return exchange(
        "NotifyEVChargingSchedule",
        ctx -> {
          ObjectNode schedule =
              ctx.var(CaseContext.LAST_CALL).at("/chargingProfile/chargingSchedule/0").deepCopy();
          if (exceeding) {
            for (JsonNode period : schedule.withArray("chargingSchedulePeriod")) {
              ((ObjectNode) period)
                  .put("limit", period.path("limit").decimalValue().add(java.math.BigDecimal.TEN));
            }
          }
          return obj(
              "timeBase",
              ctx.now(),
              "evseId",
              Messages.activeEvse(ctx),
              "chargingSchedule",
              schedule);
        },
        check(
            "status",
            is(exceeding ? "Rejected" : "Accepted"),
            exceeding ? "K15.FR.12" : "K15.FR.07"));
  }
}
