package io.kilowire.emulator.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.json.JsonFrameCodec;
import io.kilowire.core.ocpp.model.OcppMessage;
import io.kilowire.core.ocpp.v16.adapter.V16SmartChargingMapping;
import io.kilowire.core.ocpp.v201.adapter.V201SmartChargingMapping;
import io.kilowire.core.ocpp.v21.adapter.V21SmartChargingMapping;
import io.kilowire.core.smartcharging.ChargingProfile;
import io.kilowire.core.smartcharging.CompositeSchedule;
import io.kilowire.core.smartcharging.ProfileQuery;
import io.kilowire.core.smartcharging.RateUnit;
import io.kilowire.core.station.Station;
import io.kilowire.core.transaction.Transaction;
import io.kilowire.emulator.station.EmulatedStation;
import io.kilowire.emulator.station.EvModel;
import io.kilowire.emulator.station.SimulatedHardware;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jspecify.annotations.Nullable;

/**
 * A station's whole state as JSON, read on its thread in one step: connection and registration,
 * transaction queue depth, per EVSE the status, transaction, limit in force, pilot and EV, the
 * charging profiles and composite schedules (in the station's OCPP version's wire form, as a CSMS
 * would read them with GetCompositeSchedule), fallback conditions.
 */
final class StationState {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFrameCodec CODEC = new JsonFrameCodec();

  /** How far ahead the composite schedules look. */
  static final int SCHEDULE_SECONDS = 3600;

  private StationState() {}

  /** A station's one-line summary, for lists. */
  static ObjectNode summary(EmulatedStation s, String template) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("id", s.id());
    out.put("template", template);
    out.put("running", true);
    out.put("protocol", s.version().subprotocol());
    out.put("connected", s.runtime().client().isConnected());
    out.put("network", s.network().networkUp() ? "up" : "down");
    s.read(
        () -> {
          Station st = s.station();
          out.put("registration", StationEvents.wire(st.registration().name()));
          ArrayNode evses = out.putArray("evses");
          for (int e = 1; e <= st.evseCount(); e++) {
            ObjectNode evse = evses.addObject();
            evse.put("evse", e);
            evse.put("status", StationEvents.wire(st.status(e).name()));
            evse.put("drawA", round(s.hardware().drawA(e)));
            evse.put("powerKw", round(s.hardware().read(e).powerW() / 1000));
            evse.put("limitA", round(s.hardware().offeredA(e)));
            evse.put("dutyPercent", round(s.hardware().pilotDutyPercent(e)));
            evse.put("transaction", st.transaction(e).isPresent());
          }
          return out;
        });
    return out;
  }

  /** A stopped station's summary. */
  static ObjectNode stopped(String id, String template) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("id", id);
    out.put("template", template);
    out.put("running", false);
    return out;
  }

  static ObjectNode full(EmulatedStation s, String template) {
    ObjectNode out = summary(s, template);
    out.remove("evses");
    out.put("csmsUrl", s.network().csmsUrl().toString());
    out.put("rpcQueue", s.runtime().client().session().map(r -> r.queued()).orElse(0));
    return s.read(
        () -> {
          Station st = s.station();
          SimulatedHardware hw = s.hardware();
          OcppVersion version = s.version();
          out.put("accepted", st.isAccepted());
          out.put("queueDepth", st.queuedTransactionMessages());
          ArrayNode fallback = out.putArray("fallback");
          st.fallbackConditions().forEach(c -> fallback.add(c.name()));
          Double cap = st.fallbackCapA();
          if (cap != null) {
            out.put("fallbackCapA", cap);
          }
          ArrayNode evses = out.putArray("evses");
          for (int e = 1; e <= st.evseCount(); e++) {
            ObjectNode evse = evses.addObject();
            evse.put("evse", e);
            evse.put("status", StationEvents.wire(st.status(e).name()));
            evse.put("operative", st.isOperative(e));
            evse.put("limitA", round(st.currentLimit(e)));
            Double local = st.localLimit(e);
            if (local != null) {
              evse.put("localLimitA", local);
            }
            ObjectNode pilot = evse.putObject("pilot");
            pilot.put("offeredA", round(hw.offeredA(e)));
            pilot.put("evReadsA", round(hw.pilotOfferA(e)));
            pilot.put("dutyPercent", round(hw.pilotDutyPercent(e)));
            pilot.put("state", hw.cpState(e).name());
            evse.put("drawA", round(hw.drawA(e)));
            String cost = hw.displayedCost(e);
            if (cost != null) {
              evse.put("cost", cost);
            }
            tariff(evse, hw.displayedTariff(e));
            EvModel ev = hw.ev(e);
            if (ev == null) {
              evse.putNull("ev");
            } else {
              ObjectNode car = evse.putObject("ev");
              car.put("batteryKwh", ev.batteryWh() / 1000);
              car.put("maxA", ev.maxCurrentA());
              car.put("phases", ev.phases());
              car.put("targetSoc", ev.targetSocPercent());
              Double soc = hw.socPercent(e);
              if (soc != null) {
                car.put("soc", round(soc));
              }
              car.put("wantsEnergy", !hw.evPaused(e));
            }
            Transaction tx = st.transaction(e).orElse(null);
            if (tx == null) {
              evse.putNull("transaction");
            } else {
              ObjectNode t = evse.putObject("transaction");
              t.put("id", tx.id());
              if (tx.csmsId() != null) {
                t.put("csmsId", tx.csmsId());
              }
              t.put("idToken", tx.idToken());
              t.put("idTokenType", tx.idTokenType());
              t.put("startedAt", tx.startedAt().toString());
              t.put("charging", tx.charging());
              t.put("energyWh", round(tx.lastReading().energyWh() - tx.meterStartWh()));
            }
            evse.set("compositeSchedule", composite(version, st, e));
          }
          out.set("stationCompositeSchedule", composite(version, st, 0));
          display(out.putObject("display"), hw.displayed());
          ArrayNode profiles = out.putArray("profiles");
          for (ChargingProfile p : st.chargingProfiles(ProfileQuery.any())) {
            profiles.add(profile(version, p));
          }
          return out;
        });
  }

  /** What the station's screen shows into {@code out}: a display message, or nothing. */
  /** The tariff shown on an EVSE's display (2.0.1 I01) as {@code tariff}; nothing for none. */
  static ObjectNode tariff(
      ObjectNode out, io.kilowire.core.authorization.PersonalMessage.@Nullable Text tariff) {
    if (tariff != null) {
      ObjectNode t = out.putObject("tariff");
      t.put("format", tariff.format().name());
      if (tariff.language() != null) {
        t.put("language", tariff.language());
      }
      t.put("content", tariff.content());
    }
    return out;
  }

  static ObjectNode display(
      ObjectNode out, io.kilowire.core.station.display.@Nullable DisplayMessage message) {
    if (message != null) {
      out.put("messageId", message.id());
      out.put("priority", StationEvents.wire(message.priority().name()));
      out.put("format", message.format().name());
      if (message.language() != null) {
        out.put("language", message.language());
      }
      out.put("content", message.content());
    }
    return out;
  }

  private static JsonNode composite(OcppVersion version, Station st, int evse) {
    CompositeSchedule c = st.compositeSchedule(evse, SCHEDULE_SECONDS, RateUnit.A);
    return payload(
        version == OcppVersion.V16
            ? V16SmartChargingMapping.compositeResponse(c)
            : V201SmartChargingMapping.compositeResponse(c));
  }

  /** A profile as SetChargingProfile carries it (with the EVSE it is installed on). */
  private static JsonNode profile(OcppVersion version, ChargingProfile p) {
    if (version == OcppVersion.V16) {
      ObjectNode out =
          (ObjectNode)
              payload(
                      new io.kilowire.core.ocpp.v16.SetChargingProfileRequest(
                          p.evseId(), V16SmartChargingMapping.wire(p)))
                  .get("csChargingProfiles");
      return out.put("connectorId", p.evseId());
    }
    // 2.1 in its own terms: its periods' modes and setpoints, and a period without a limit.
    ObjectNode out =
        (ObjectNode)
            payload(
                    version == OcppVersion.V21
                        ? new io.kilowire.core.ocpp.v21.SetChargingProfileRequest(
                            p.evseId(), V21SmartChargingMapping.wire(p), null)
                        : io.kilowire.core.ocpp.v201.SetChargingProfileRequest.of(
                            p.evseId(), V201SmartChargingMapping.wire(p)))
                .get("chargingProfile");
    return out.put("evseId", p.evseId());
  }

  static JsonNode payload(OcppMessage message) {
    try {
      return JSON.readTree(CODEC.encodePayload(message).json());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
