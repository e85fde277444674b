package io.kilowire.conformance.variants;

import static io.kilowire.conformance.script.Json.arr;
import static io.kilowire.conformance.script.Json.obj;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kilowire.core.ocpp.OcppVersion;
import java.util.List;

/**
 * Faulty CSMS variants in what only OCPP 2.1 has: each fails a case of 2.1's own. They change only
 * what 2.1 alone sends, so they are run against the 2.1 suite only.
 */
final class V21Variants {
  private V21Variants() {}

  /** A variant whose defect only a 2.1 station can meet. */
  private abstract static class Only21 extends Variant {
    Only21(String name, String defect) {
      super(name, defect);
    }

    @Override
    boolean appliesTo(OcppVersion version) {
      return version == OcppVersion.V21;
    }
  }

  static List<Variant> all() {
    return List.of(
        new Only21(
            "no-transaction-limit",
            "leaves the transactionLimit it was asked to set out of its TransactionEvent answers") {
          @Override
          ArrayNode result(String action, JsonNode request, ArrayNode frame) {
            return action.equals("TransactionEvent") ? remove(frame, "transactionLimit") : frame;
          }
        },
        new Only21(
            "dynamic-update-wrong-profile",
            "sends UpdateDynamicSchedule for another profile than the Dynamic one it set") {
          @Override
          ArrayNode call(String action, ArrayNode frame) {
            return action.equals("UpdateDynamicSchedule")
                ? set(
                    frame,
                    "chargingProfileId",
                    payload(frame).path("chargingProfileId").asInt() + 1)
                : frame;
          }
        },
        new Only21(
            "pull-rejected",
            "answers a station's PullDynamicScheduleUpdate Rejected, without the values of the"
                + " Dynamic profile it set") {
          @Override
          ArrayNode result(String action, JsonNode request, ArrayNode frame) {
            return action.equals("PullDynamicScheduleUpdate")
                ? set(remove(frame, "scheduleUpdate"), "status", "Rejected")
                : frame;
          }
        },
        new Only21(
            "tariff-price-per-wh",
            "puts the energy price per Wh where SetDefaultTariff takes it per kWh") {
          @Override
          ArrayNode call(String action, ArrayNode frame) {
            JsonNode price = payload(frame).at("/tariff/energy/prices/0/priceKwh");
            return action.equals("SetDefaultTariff") && price.isNumber()
                ? set(
                    frame, "tariff.energy.prices", arr(obj("priceKwh", price.doubleValue() / 1000)))
                : frame;
          }
        },
        new Only21(
            "get-tariffs-whole-station",
            "asks for the tariffs of the whole station (evseId 0) when asked for one EVSE's") {
          @Override
          ArrayNode call(String action, ArrayNode frame) {
            return action.equals("GetTariffs") ? set(frame, "evseId", 0) : frame;
          }
        },
        new Only21(
            "refuses-cost-details",
            "refuses a TransactionEventRequest carrying the station's costDetails with CALLERROR"
                + " FormatViolation, as a CSMS still on the 2.0.1 schema would") {
          @Override
          ArrayNode result(String action, JsonNode request, ArrayNode frame) {
            return action.equals("TransactionEvent") && request.has("costDetails")
                ? error(frame, "FormatViolation")
                : frame;
          }
        },
        new Only21(
            "der-control-scheduled",
            "sets the DER control it is asked to set as a default one as a scheduled one"
                + " (isDefault false)") {
          @Override
          ArrayNode call(String action, ArrayNode frame) {
            return action.equals("SetDERControl") ? set(frame, "isDefault", false) : frame;
          }
        },
        new Only21(
            "der-reports-not-implemented",
            "answers a station's NotifyDERAlarm and ReportDERControl with CALLERROR"
                + " NotImplemented") {
          @Override
          ArrayNode result(String action, JsonNode request, ArrayNode frame) {
            return action.equals("NotifyDERAlarm") || action.equals("ReportDERControl")
                ? error(frame, "NotImplemented")
                : frame;
          }
        },
        new Only21(
            "v2x-discharge-beyond-ev",
            "asks a bidirectional EV to feed back twice what it can: the negative setpoint and"
                + " dischargeLimit of its TxProfile doubled, beyond the EV's maximum discharge"
                + " power") {
          @Override
          ArrayNode call(String action, ArrayNode frame) {
            if (action.equals("SetChargingProfile")) {
              for (ObjectNode period : periods(frame)) {
                for (String field : List.of("setpoint", "dischargeLimit")) {
                  JsonNode v = period.path(field);
                  if (v.isNumber() && v.decimalValue().signum() < 0) {
                    period.put(field, v.decimalValue().multiply(java.math.BigDecimal.valueOf(2)));
                  }
                }
              }
            }
            return frame;
          }
        },
        new Only21(
            "v2x-ignores-enabled",
            "has every EV it sends a charging-only TxProfile feed back as well (CentralSetpoint,"
                + " setpoint -6 A), whatever V2XChargingCtrlr.Enabled of the EVSE says") {
          @Override
          ArrayNode call(String action, ArrayNode frame) {
            if (action.equals("SetChargingProfile")
                && has(payload(frame), "chargingProfile.chargingProfilePurpose", "TxProfile")) {
              for (ObjectNode period : periods(frame)) {
                if (!period.has("setpoint") && !period.has("dischargeLimit")) {
                  period.put("operationMode", "CentralSetpoint");
                  period.put("setpoint", -6);
                  period.put("dischargeLimit", -6);
                }
              }
            }
            return frame;
          }
        });
  }

  /** The periods of every schedule of a SetChargingProfile frame's profile. */
  private static List<ObjectNode> periods(ArrayNode frame) {
    List<ObjectNode> out = new java.util.ArrayList<>();
    for (JsonNode schedule : Variant.payload(frame).at("/chargingProfile/chargingSchedule")) {
      for (JsonNode period : schedule.path("chargingSchedulePeriod")) {
        out.add((ObjectNode) period);
      }
    }
    return out;
  }
}
