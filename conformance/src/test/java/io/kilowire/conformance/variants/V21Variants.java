package io.kilowire.conformance.variants;

import static io.kilowire.conformance.script.Json.arr;
import static io.kilowire.conformance.script.Json.obj;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;

/** Faulty CSMS variants in what only OCPP 2.1 has: each fails a case of 2.1's own. */
final class V21Variants {
  private V21Variants() {}

  static List<Variant> all() {
    return List.of(
        new Variant(
            "no-transaction-limit",
            "leaves the transactionLimit it was asked to set out of its TransactionEvent answers") {
          @Override
          ArrayNode result(String action, JsonNode request, ArrayNode frame) {
            return action.equals("TransactionEvent") ? remove(frame, "transactionLimit") : frame;
          }
        },
        new Variant(
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
        new Variant(
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
        new Variant(
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
        new Variant(
            "get-tariffs-whole-station",
            "asks for the tariffs of the whole station (evseId 0) when asked for one EVSE's") {
          @Override
          ArrayNode call(String action, ArrayNode frame) {
            return action.equals("GetTariffs") ? set(frame, "evseId", 0) : frame;
          }
        },
        new Variant(
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
        new Variant(
            "der-control-scheduled",
            "sets the DER control it is asked to set as a default one as a scheduled one"
                + " (isDefault false)") {
          @Override
          ArrayNode call(String action, ArrayNode frame) {
            return action.equals("SetDERControl") ? set(frame, "isDefault", false) : frame;
          }
        },
        new Variant(
            "der-reports-not-implemented",
            "answers a station's NotifyDERAlarm and ReportDERControl with CALLERROR"
                + " NotImplemented") {
          @Override
          ArrayNode result(String action, JsonNode request, ArrayNode frame) {
            return action.equals("NotifyDERAlarm") || action.equals("ReportDERControl")
                ? error(frame, "NotImplemented")
                : frame;
          }
        });
  }
}
