package io.kilowire.conformance.cases.v16;

import static io.kilowire.conformance.script.Expect.absent;
import static io.kilowire.conformance.script.Expect.is;
import static io.kilowire.conformance.script.Expect.isVar;
import static io.kilowire.conformance.script.Expect.present;
import static io.kilowire.conformance.script.Json.arr;
import static io.kilowire.conformance.script.Json.obj;
import static io.kilowire.conformance.script.Verbs.check;
import static io.kilowire.conformance.script.Verbs.exchange;
import static io.kilowire.conformance.script.Verbs.expectCall;
import static io.kilowire.conformance.script.Verbs.respond;
import static io.kilowire.conformance.script.Verbs.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.cases.Profile;
import io.kilowire.conformance.lab.LabConfiguration;
import io.kilowire.conformance.script.CaseContext;
import io.kilowire.conformance.script.Expect;
import io.kilowire.conformance.script.Payload;
import io.kilowire.conformance.script.Step;
import io.kilowire.conformance.script.TokenRole;
import java.time.Duration;
import java.util.List;

/** The OCPP 1.6 Smart Charging profile's Central System cases. */
public final class SmartCharging {
  private SmartCharging() {}

  public static List<ConformanceCase> cases() {
    return List.of(
        sc("TC_056_CSMS", "Set a default schedule for new transactions (TxDefaultProfile)")
            .main(
                setProfile(
                    ctx -> request(ctx, Messages.connector(ctx), "TxDefaultProfile", false, 21),
                    "Make the Central System set a TxDefaultProfile on the configured connector"),
                expectCall(
                    "SetChargingProfile",
                    check("connectorId", is("the configured connector", Messages::connector)),
                    check("csChargingProfiles.chargingProfilePurpose", is("TxDefaultProfile")),
                    check("csChargingProfiles.transactionId", absent())),
                respond(obj("status", "Accepted"))),
        sc("TC_057_CSMS", "Set a schedule for the running transaction (TxProfile)")
            .before(States.charging())
            .main(
                setProfile(
                    ctx -> request(ctx, Messages.connector(ctx), "TxProfile", true, 22),
                    "Make the Central System set a TxProfile on the transaction running on the"
                        + " configured connector"),
                expectCall(
                    "SetChargingProfile",
                    check("connectorId", is("the configured connector", Messages::connector)),
                    check("csChargingProfiles.chargingProfilePurpose", is("TxProfile")),
                    check("csChargingProfiles.transactionId", isVar(Messages.TRANSACTION_ID)),
                    check("csChargingProfiles.recurrencyKind", absent()),
                    check(
                        "csChargingProfiles",
                        Expect.that(
                            "Absolute with validFrom, validTo, startSchedule and duration, or"
                                + " Relative without startSchedule",
                            (JsonNode p) -> {
                              String kind = p.path("chargingProfileKind").asText();
                              JsonNode s = p.path("chargingSchedule");
                              if (kind.equals("Absolute")) {
                                return p.has("validFrom")
                                    && p.has("validTo")
                                    && s.has("startSchedule")
                                    && s.has("duration");
                              }
                              return kind.equals("Relative") && !s.has("startSchedule");
                            }))),
                respond(obj("status", "Accepted"))),
        sc("TC_059_CSMS", "Remote start with a charging profile")
            .main(
                trigger(
                    "RemoteStartTransaction",
                    ctx ->
                        obj(
                            "connectorId",
                            Messages.connector(ctx),
                            "idTag",
                            Messages.idTag(ctx, TokenRole.VALID),
                            "chargingProfile",
                            profile(ctx, "TxProfile", false, 23)),
                    "Make the Central System remote-start a transaction on the configured connector"
                        + " for the valid idTag, with a TxProfile"),
                Core.expectRemoteStart(
                    check("chargingProfile.chargingProfilePurpose", is("TxProfile")),
                    check("chargingProfile.transactionId", absent())),
                respond(obj("status", "Accepted")),
                States.authorized(),
                exchange("StatusNotification", Messages.status("Preparing")),
                States.started(),
                exchange("StatusNotification", Messages.status("Charging"))),
        sc("TC_066_CSMS", "Get the composite schedule of a connector")
            .main(
                trigger(
                    "GetCompositeSchedule",
                    ctx ->
                        obj(
                            "connectorId",
                            Messages.connector(ctx),
                            "duration",
                            ctx.lab().smartCharging().duration(),
                            "chargingRateUnit",
                            ctx.lab().smartCharging().chargingRateUnit()),
                    "Make the Central System ask for the composite schedule of the configured"
                        + " connector"),
                expectCall(
                    "GetCompositeSchedule",
                    check("connectorId", is("the configured connector", Messages::connector)),
                    check(
                        "duration",
                        is("the configured duration", ctx -> ctx.lab().smartCharging().duration())),
                    check(
                        "chargingRateUnit",
                        is(
                            "the configured unit",
                            ctx -> ctx.lab().smartCharging().chargingRateUnit()))),
                respond(
                    ctx ->
                        obj(
                            "status",
                            "Accepted",
                            "connectorId",
                            Messages.connector(ctx),
                            "scheduleStart",
                            ctx.now(),
                            "chargingSchedule",
                            obj(
                                "duration",
                                ctx.lab().smartCharging().duration(),
                                "chargingRateUnit",
                                ctx.lab().smartCharging().chargingRateUnit(),
                                "chargingSchedulePeriod",
                                arr(obj("startPeriod", 0, "limit", 6)))))),
        sc("TC_067_CSMS", "Set three profiles, then clear by id, by criteria and all")
            .before(States.charging())
            .main(
                setProfile(
                    ctx -> request(ctx, 0, "ChargePointMaxProfile", false, 31),
                    "Make the Central System set a ChargePointMaxProfile on connector 0"),
                expectCall(
                        "SetChargingProfile",
                        check("connectorId", is(0)),
                        check(
                            "csChargingProfiles.chargingProfilePurpose",
                            is("ChargePointMaxProfile")),
                        check(
                            "csChargingProfiles.stackLevel",
                            is(
                                "the configured stack level",
                                ctx -> ctx.lab().smartCharging().stackLevel())),
                        check("csChargingProfiles.transactionId", absent()))
                    .capture("csChargingProfiles.chargingProfileId", "maxProfileId"),
                respond(obj("status", "Accepted")),
                setProfile(
                    ctx -> request(ctx, Messages.connector(ctx), "TxDefaultProfile", false, 32),
                    "Make the Central System set a TxDefaultProfile on the configured connector"),
                expectCall(
                    "SetChargingProfile",
                    check("csChargingProfiles.chargingProfilePurpose", is("TxDefaultProfile"))),
                respond(obj("status", "Accepted")),
                setProfile(
                    ctx -> request(ctx, Messages.connector(ctx), "TxProfile", true, 33),
                    "Make the Central System set a TxProfile on the running transaction"),
                expectCall(
                    "SetChargingProfile",
                    check("csChargingProfiles.chargingProfilePurpose", is("TxProfile")),
                    check("csChargingProfiles.transactionId", isVar(Messages.TRANSACTION_ID))),
                respond(obj("status", "Accepted")),
                trigger(
                    "ClearChargingProfile",
                    ctx -> obj("id", ctx.var("maxProfileId")),
                    "Make the Central System clear the ChargePointMaxProfile by its id"),
                expectCall("ClearChargingProfile", check("id", isVar("maxProfileId"))),
                respond(obj("status", "Accepted")),
                trigger(
                    "ClearChargingProfile",
                    ctx ->
                        obj(
                            "connectorId",
                            Messages.connector(ctx),
                            "chargingProfilePurpose",
                            "TxDefaultProfile",
                            "stackLevel",
                            ctx.lab().smartCharging().stackLevel()),
                    "Make the Central System clear the configured connector's TxDefaultProfile"
                        + " of the configured stack level"),
                expectCall(
                    "ClearChargingProfile",
                    check("id", absent()),
                    check("connectorId", is("the configured connector", Messages::connector)),
                    check("chargingProfilePurpose", is("TxDefaultProfile")),
                    check("stackLevel", present())),
                respond(obj("status", "Accepted")),
                trigger(
                    "ClearChargingProfile",
                    Payload.empty(),
                    "Make the Central System clear all charging profiles of this charge point"),
                expectCall(
                    "ClearChargingProfile",
                    check("id", absent()),
                    check("connectorId", absent()),
                    check("chargingProfilePurpose", absent())),
                respond(obj("status", "Accepted"))));
  }

  private static ConformanceCase.Builder sc(String id, String title) {
    return Start.of(id, title, Profile.SMART_CHARGING);
  }

  private static Step setProfile(Payload request, String instruction) {
    return trigger("SetChargingProfile", request, instruction);
  }

  private static ObjectNode request(
      CaseContext ctx, int connectorId, String purpose, boolean forTransaction, int id) {
    return obj(
        "connectorId",
        connectorId,
        "csChargingProfiles",
        profile(ctx, purpose, forTransaction, id));
  }

  /** An absolute profile of the configured unit and stack level, valid for its duration. */
  static ObjectNode profile(CaseContext ctx, String purpose, boolean forTransaction, int id) {
    LabConfiguration.SmartCharging sc = ctx.lab().smartCharging();
    boolean watts = sc.chargingRateUnit().equals("W");
    return obj(
        "chargingProfileId",
        id,
        "transactionId",
        forTransaction ? ctx.var(Messages.TRANSACTION_ID) : null,
        "stackLevel",
        sc.stackLevel(),
        "chargingProfilePurpose",
        purpose,
        "chargingProfileKind",
        "Absolute",
        "validFrom",
        ctx.now(),
        "validTo",
        ctx.now().plus(Duration.ofSeconds(sc.duration())),
        "chargingSchedule",
        obj(
            "duration",
            sc.duration(),
            "startSchedule",
            ctx.now(),
            "chargingRateUnit",
            sc.chargingRateUnit(),
            "chargingSchedulePeriod",
            arr(
                obj(
                    "startPeriod",
                    0,
                    "limit",
                    watts ? 6000 : 6,
                    "numberPhases",
                    sc.numberPhases()))));
  }
}
