package io.kilowire.conformance.cases.v21;

import static io.kilowire.conformance.script.Expect.containsElement;
import static io.kilowire.conformance.script.Expect.is;
import static io.kilowire.conformance.script.Expect.oneOf;
import static io.kilowire.conformance.script.Expect.that;
import static io.kilowire.conformance.script.Json.arr;
import static io.kilowire.conformance.script.Json.obj;
import static io.kilowire.conformance.script.Verbs.check;
import static io.kilowire.conformance.script.Verbs.expectCall;
import static io.kilowire.conformance.script.Verbs.expectResult;
import static io.kilowire.conformance.script.Verbs.respond;
import static io.kilowire.conformance.script.Verbs.send;
import static io.kilowire.conformance.script.Verbs.steps;
import static io.kilowire.conformance.script.Verbs.trigger;
import static io.kilowire.conformance.script.Verbs.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.cases.v201.ReusableStates;
import io.kilowire.conformance.script.CaseContext;
import io.kilowire.conformance.script.Check;
import io.kilowire.conformance.script.Step;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Block Q, bidirectional power transfer (2.1 only). The CSMS reads the EVSE's V2XChargingCtrlr
 * (Enabled, SupportedOperationModes); then an ISO 15118-20 EV that can feed back (AC_BPT) sends its
 * charging needs with its V2X parameters. With V2X on, the CSMS has it feed back through a
 * TxProfile in an operation mode the station listed, within the EV's limits; with V2X switched off
 * it sends nothing that discharges. The 2.1 Part 2 text was not at hand: that a CSMS keeps within
 * the EV's maximum discharge power, and reads Enabled false as "no discharging profile for this
 * EVSE", is our reading of the V2X parameters' and the variable's descriptions.
 */
final class BidirectionalPowerTransfer {
  /** The EV's voltage per phase (its AC parameters), for a schedule in amperes. */
  private static final int VOLTAGE_V = 230;

  /** The EV's most and least charging power: 16 A and 6 A on three phases. */
  private static final int MAX_CHARGE_W = 16 * VOLTAGE_V * 3;

  private static final int MIN_CHARGE_W = 6 * VOLTAGE_V * 3;

  /** The most the EV feeds back: 12 A on three phases. */
  private static final int MAX_DISCHARGE_W = 12 * VOLTAGE_V * 3;

  /** The operation modes the station lists for the EVSE. */
  private static final String OPERATION_MODES = "ChargingOnly,CentralSetpoint,ExternalLimits";

  /** The modes in which a period may not have the EV feed back. */
  private static final Set<String> NOT_FEEDING_BACK = Set.of("ChargingOnly", "Idle");

  private static final String NEEDS_STATUS = "needsStatus";

  private BidirectionalPowerTransfer() {}

  static List<ConformanceCase> cases() {
    return List.of(
        DerControl.start(
                "KW21_Q_01_CSMS", "A bidirectional EV asked to feed back within its limits")
            .useCases("Q01", "K15")
            .requirements("K15.FR.02", "K01.FR.115")
            .before(ReusableStates.authorized(), ReusableStates.evConnectedPreSession())
            .main(
                v2xRead(true),
                chargingNeeds(oneOf("Accepted", "Processing")),
                expectTxProfile(
                    check(
                        "chargingProfile.chargingSchedule",
                        that(
                            "a period in which the EV feeds back (a negative setpoint,"
                                + " dischargeLimit or limit) in an operation mode that allows it"
                                + " (not ChargingOnly or Idle)",
                            anyPeriod(
                                (schedule, period) ->
                                    feedsBack(period)
                                        && !NOT_FEEDING_BACK.contains(mode(period))))),
                    check(
                        "chargingProfile.chargingSchedule",
                        that(
                            "every period in an operation mode the station listed ("
                                + OPERATION_MODES
                                + ")",
                            anyPeriod(
                                    (schedule, period) ->
                                        !List.of(OPERATION_MODES.split(",")).contains(mode(period)))
                                .negate()),
                        "K01.FR.115"),
                    check(
                        "chargingProfile.chargingSchedule",
                        that(
                            "within the EV's limits: no setpoint below -"
                                + MAX_DISCHARGE_W
                                + " W or above "
                                + MAX_CHARGE_W
                                + " W, no dischargeLimit below -"
                                + MAX_DISCHARGE_W
                                + " W (a value in A is per phase: times "
                                + VOLTAGE_V
                                + " V and the period's phases)",
                            anyPeriod(BidirectionalPowerTransfer::beyondTheEv).negate()))),
                respond(obj("status", "Accepted"))),
        DerControl.start("KW21_Q_02_CSMS", "No discharging where V2X is switched off")
            .useCases("Q01", "K15")
            .requirements("K15.FR.02")
            .before(ReusableStates.authorized(), ReusableStates.evConnectedPreSession())
            .main(
                v2xRead(false),
                chargingNeeds(oneOf("Accepted", "Processing", "NoChargingProfile")),
                when(
                    "the CSMS will send a TxProfile (it answered Accepted or Processing)",
                    ctx -> !ctx.var(NEEDS_STATUS).asText().equals("NoChargingProfile"),
                    expectTxProfile(
                        check(
                            "chargingProfile.chargingSchedule",
                            that(
                                "no period in which the EV feeds back (no negative setpoint,"
                                    + " dischargeLimit or limit): V2XChargingCtrlr.Enabled is"
                                    + " false",
                                anyPeriod((schedule, period) -> feedsBack(period)).negate()))),
                    respond(obj("status", "Accepted")))));
  }

  /**
   * The CSMS reads V2XChargingCtrlr Enabled and SupportedOperationModes of the configured EVSE; the
   * station answers V2X {@code enabled} and {@link #OPERATION_MODES}.
   */
  private static List<Step> v2xRead(boolean enabled) {
    return steps(
        trigger(
            "GetVariables",
            ctx ->
                obj(
                    "getVariableData",
                    arr(v2xVariable(ctx, "Enabled"), v2xVariable(ctx, "SupportedOperationModes"))),
            "Make the CSMS read V2XChargingCtrlr.Enabled and"
                + " V2XChargingCtrlr.SupportedOperationModes of the configured EVSE"),
        expectCall(
            "GetVariables",
            check(
                "getVariableData",
                containsElement("component.name", "V2XChargingCtrlr", "variable.name", "Enabled")),
            check(
                "getVariableData",
                containsElement(
                    "component.name",
                    "V2XChargingCtrlr",
                    "variable.name",
                    "SupportedOperationModes"))),
        respond(ctx -> v2xVariables(ctx, enabled)));
  }

  private static ObjectNode v2xVariable(CaseContext ctx, String name) {
    return obj(
        "component",
        obj("name", "V2XChargingCtrlr", "evse", obj("id", ReusableStates.activeEvse(ctx))),
        "variable",
        obj("name", name));
  }

  /** The station's V2XChargingCtrlr of the configured EVSE, for what the CSMS asked. */
  private static ObjectNode v2xVariables(CaseContext ctx, boolean enabled) {
    ArrayNode results = arr();
    for (JsonNode data : ctx.var(CaseContext.LAST_CALL).path("getVariableData")) {
      boolean ours =
          data.at("/component/name").asText().equals("V2XChargingCtrlr")
              && data.at("/component/evse/id").asInt(-1) == ReusableStates.activeEvse(ctx);
      String value =
          switch (data.at("/variable/name").asText()) {
            case "Enabled" -> String.valueOf(enabled);
            case "Available" -> "true";
            case "SupportedOperationModes" -> OPERATION_MODES;
            case "SupportedEnergyTransferModes" -> "AC_three_phase,AC_BPT";
            default -> null;
          };
      results.add(
          obj(
              "attributeStatus",
              !ours ? "UnknownComponent" : value == null ? "UnknownVariable" : "Accepted",
              "attributeValue",
              ours ? value : null,
              "component",
              data.get("component"),
              "variable",
              data.get("variable")));
    }
    return obj("getVariableResult", results);
  }

  /**
   * The EV's charging needs, in the figures of an ISO 15118-20 bidirectional AC session (6 kWh to
   * its 80 % target, 24 kWh above the floor it keeps for V2X); the CSMS answers with {@code
   * status}, kept as {@link #NEEDS_STATUS}.
   */
  private static List<Step> chargingNeeds(io.kilowire.conformance.script.Expectation status) {
    return steps(
        send(
            "NotifyEVChargingNeeds",
            ctx ->
                obj(
                    "evseId",
                    ReusableStates.activeEvse(ctx),
                    "maxScheduleTuples",
                    3,
                    "chargingNeeds",
                    obj(
                        "requestedEnergyTransfer",
                        "AC_BPT",
                        "availableEnergyTransfer",
                        arr("AC_three_phase", "AC_BPT"),
                        "controlMode",
                        "DynamicControl",
                        "mobilityNeedsMode",
                        "EVCC_SECC",
                        "departureTime",
                        ctx.now().plus(Duration.ofHours(8)),
                        "acChargingParameters",
                        obj(
                            "energyAmount",
                            6000,
                            "evMinCurrent",
                            6,
                            "evMaxCurrent",
                            16,
                            "evMaxVoltage",
                            VOLTAGE_V),
                        "v2xChargingParameters",
                        obj(
                            "minChargePower",
                            MIN_CHARGE_W,
                            "maxChargePower",
                            MAX_CHARGE_W,
                            "maxDischargePower",
                            MAX_DISCHARGE_W,
                            "evTargetEnergyRequest",
                            6000,
                            "evMinEnergyRequest",
                            -24000,
                            "evMaxEnergyRequest",
                            18000,
                            "evMinV2XEnergyRequest",
                            -24000,
                            "evMaxV2XEnergyRequest",
                            6000,
                            "targetSoC",
                            80)))),
        expectResult(check("status", status, "K15.FR.02")).capture("status", NEEDS_STATUS));
  }

  /** The CSMS's TxProfile for the running transaction on the configured EVSE, and more checks. */
  private static Step.ExpectCall expectTxProfile(Check... more) {
    Check[] checks = new Check[more.length + 3];
    checks[0] = check("evseId", is("the configured EVSE", ReusableStates::activeEvse));
    checks[1] = check("chargingProfile.chargingProfilePurpose", is("TxProfile"));
    checks[2] =
        check("chargingProfile.transactionId", ReusableStates.isTransactionId(), "K01.FR.03");
    System.arraycopy(more, 0, checks, 3, more.length);
    return expectCall("SetChargingProfile", checks);
  }

  /**
   * Whether some period of the schedules (an array of ChargingScheduleType) passes {@code test}.
   */
  private static Predicate<JsonNode> anyPeriod(
      java.util.function.BiPredicate<JsonNode, JsonNode> test) {
    return schedules -> {
      for (JsonNode schedule : schedules) {
        for (JsonNode period : schedule.path("chargingSchedulePeriod")) {
          if (test.test(schedule, period)) {
            return true;
          }
        }
      }
      return false;
    };
  }

  /** A negative setpoint, dischargeLimit or limit: the EV is to feed back. */
  private static boolean feedsBack(JsonNode period) {
    return watts(null, period, "setpoint") < 0
        || watts(null, period, "dischargeLimit") < 0
        || watts(null, period, "limit") < 0;
  }

  private static String mode(JsonNode period) {
    return period.path("operationMode").asText("ChargingOnly");
  }

  /** A setpoint or discharge the EV cannot follow: beyond its discharge or charge maximum. */
  private static boolean beyondTheEv(JsonNode schedule, JsonNode period) {
    double setpoint = watts(schedule, period, "setpoint");
    return setpoint < -MAX_DISCHARGE_W
        || setpoint > MAX_CHARGE_W
        || watts(schedule, period, "dischargeLimit") < -MAX_DISCHARGE_W
        || watts(schedule, period, "limit") < -MAX_DISCHARGE_W;
  }

  /**
   * The period's {@code field} in W (0 when absent): a value in A is per phase, so times the EV's
   * voltage and the period's phases (3 when it gives none, as on AC). With a null {@code schedule}
   * only its sign counts.
   */
  private static double watts(
      @org.jspecify.annotations.Nullable JsonNode schedule, JsonNode period, String field) {
    JsonNode value = period.path(field);
    if (!value.isNumber()) {
      return 0;
    }
    BigDecimal v = value.decimalValue();
    boolean amps = schedule != null && schedule.path("chargingRateUnit").asText().equals("A");
    return amps
        ? v.doubleValue() * VOLTAGE_V * period.path("numberPhases").asInt(3)
        : v.doubleValue();
  }
}
