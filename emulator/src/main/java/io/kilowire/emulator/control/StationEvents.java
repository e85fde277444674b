package io.kilowire.emulator.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kilowire.core.fallback.FallbackEvent;
import io.kilowire.core.runtime.ClientState;
import io.kilowire.core.station.ConnectorStatus;
import io.kilowire.core.station.CsmsGateway.Registration;
import io.kilowire.core.station.Station;
import io.kilowire.core.transaction.StopReason;
import io.kilowire.core.transaction.Transaction;
import io.kilowire.core.transport.FrameObserver;
import io.kilowire.emulator.station.EmulatedStation;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Publishes one station's events on the {@link EventHub}: every frame in wire order (with its
 * message type, id and action, the answered action for a CALLRESULT or CALLERROR), meter readings
 * taken from the frames that carry them, connector status, transactions, registration, connection
 * state, and the EVSE outputs (limit offered, what the pilot says, what the EV draws).
 *
 * <p>Event shapes (one JSON object each; all carry {@code ts}, {@code type}, {@code station}):
 * {@code frame} (dir tx|rx, messageType, id, action, frame), {@code notSent}, {@code meter} (evse,
 * transactionId, timestamp, sampledValue), {@code status} (evse, status), {@code transaction}
 * (event started|ended, evse, transactionId, idToken, reason, energyWh), {@code registration}
 * (status), {@code connection} (state, detail), {@code output} (evse, offeredA, pilotA, drawA),
 * {@code fallback} (condition, entered), {@code reboot} (hard), {@code display} (what the station's
 * screen shows: messageId, priority, format, language, content; no messageId for its own screen),
 * {@code tariff} (evse, tariff: format, language, content; no tariff once taken away), {@code cost}
 * (evse, cost: the running or total cost the display shows; no cost once taken away).
 */
final class StationEvents {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EventHub hub;
  private final String id;
  // CALL id -> action, per direction of the CALL: answers name what they answer.
  private final Map<String, String> sentCalls = new ConcurrentHashMap<>();
  private final Map<String, String> receivedCalls = new ConcurrentHashMap<>();
  // 2.0.1: a TransactionEvent names its EVSE only now and then; the transaction remembers it.
  private final Map<String, Integer> transactionEvses = new ConcurrentHashMap<>();
  private final double[][] lastOutputs;

  private StationEvents(EventHub hub, EmulatedStation station) {
    this.hub = hub;
    this.id = station.id();
    this.lastOutputs = new double[station.evseCount() + 1][];
  }

  /** Attaches a publisher to {@code station}; do it before the station starts. */
  static void attach(EventHub hub, EmulatedStation station) {
    StationEvents events = new StationEvents(hub, station);
    station.addObserver(events.new Observer());
    station.addStateListener(events::connection);
    station.addFrameObserver(events.new Frames(), "event stream of " + station.id());
    station.hardware().addOutputListener(events::output);
    station.hardware().addDisplayListener(events::display);
    station.hardware().addTariffListener(events::tariff);
    station.hardware().addCostListener(events::cost);
  }

  /** An EVSE's display shows a cost (the CSMS's, or with 2.1 local cost its own), or none. */
  private void cost(int evse, @Nullable String cost) {
    ObjectNode e = event("cost");
    e.put("evse", evse);
    if (cost != null) {
      e.put("cost", cost);
    }
    hub.publish(e);
  }

  /** An EVSE's display shows a tariff (2.0.1 I01), or takes it away (no {@code tariff}). */
  private void tariff(
      int evse, io.kilowire.core.authorization.PersonalMessage.@Nullable Text tariff) {
    ObjectNode e = event("tariff");
    e.put("evse", evse);
    hub.publish(StationState.tariff(e, tariff));
  }

  private void display(io.kilowire.core.station.display.@Nullable DisplayMessage message) {
    hub.publish(StationState.display(event("display"), message));
  }

  private ObjectNode event(String type) {
    return hub.event(type, id);
  }

  private void connection(ClientState state) {
    ObjectNode e = event("connection");
    e.put("state", state.kind().name().toLowerCase(Locale.ROOT));
    if (state instanceof ClientState.Disconnected d) {
      e.put("detail", d.reason().kind() + " " + d.reason().detail());
    } else if (state instanceof ClientState.RetryScheduled r) {
      e.put("delayMs", r.delay().toMillis());
    } else if (state instanceof ClientState.Connected c) {
      e.put("protocol", c.version().subprotocol());
    }
    hub.publish(e);
  }

  private void output(
      java.time.Instant at, int evse, double offeredA, double pilotA, double drawA) {
    double[] now = {offeredA, pilotA, drawA};
    double[] before = evse < lastOutputs.length ? lastOutputs[evse] : null;
    if (before != null && java.util.Arrays.equals(before, now)) {
      return; // the hardware reports every step; the stream only changes
    }
    if (evse < lastOutputs.length) {
      lastOutputs[evse] = now;
    }
    ObjectNode e = event("output");
    e.put("evse", evse);
    e.put("offeredA", round(offeredA));
    e.put("pilotA", round(pilotA));
    e.put("drawA", round(drawA));
    hub.publish(e);
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private final class Observer implements Station.Observer {
    @Override
    public void registration(Registration registration) {
      hub.publish(event("registration").put("status", wire(registration.name())));
    }

    @Override
    public void status(int evse, ConnectorStatus status) {
      hub.publish(event("status").put("evse", evse).put("status", wire(status.name())));
    }

    @Override
    public void transactionStarted(Transaction tx) {
      hub.publish(transaction("started", tx));
    }

    @Override
    public void transactionEnded(Transaction tx, StopReason reason) {
      ObjectNode e = transaction("ended", tx);
      e.put("reason", reason.name());
      e.put("energyWh", tx.lastReading().energyWh() - tx.meterStartWh());
      hub.publish(e);
    }

    @Override
    public void rebootRequested(boolean hard) {
      hub.publish(event("reboot").put("hard", hard));
    }

    @Override
    public void fallback(FallbackEvent event) {
      hub.publish(
          event("fallback")
              .put("condition", event.condition().name())
              .put("entered", event.active()));
    }
  }

  private ObjectNode transaction(String what, Transaction tx) {
    ObjectNode e = event("transaction");
    e.put("event", what);
    e.put("evse", tx.evse());
    e.put("transactionId", tx.csmsId() != null ? String.valueOf(tx.csmsId()) : tx.id());
    e.put("idToken", tx.idToken());
    return e;
  }

  /** ACCEPTED → Accepted, SUSPENDED_EV → SuspendedEV: the names OCPP uses. */
  static String wire(String constant) {
    StringBuilder b = new StringBuilder();
    for (String part : constant.split("_")) {
      if (part.length() <= 2) {
        b.append(part); // EV, EVSE stay upper case
      } else if (part.equals("EVSE")) {
        b.append(part);
      } else {
        b.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
      }
    }
    return b.toString();
  }

  private final class Frames implements FrameObserver {
    @Override
    public void sending(String frame) {
      publishFrame("tx", frame, sentCalls, receivedCalls);
    }

    @Override
    public void notSent(String frame) {
      ObjectNode e = event("notSent");
      e.put("frame", frame);
      hub.publish(e);
    }

    @Override
    public void received(String frame) {
      publishFrame("rx", frame, receivedCalls, sentCalls);
    }
  }

  /**
   * @param ownCalls CALLs going this way (a CALL is remembered there)
   * @param answeredCalls CALLs going the other way (a result going this way answers one)
   */
  private void publishFrame(
      String dir, String text, Map<String, String> ownCalls, Map<String, String> answeredCalls) {
    ObjectNode e = event("frame");
    e.put("dir", dir);
    JsonNode parsed;
    try {
      parsed = JSON.readTree(text);
    } catch (IOException | RuntimeException notJson) {
      parsed = null;
    }
    if (parsed instanceof ArrayNode frame && frame.size() >= 3 && frame.get(1).isTextual()) {
      int type = frame.get(0).asInt();
      String messageId = frame.get(1).asText();
      e.put("messageType", type);
      e.put("id", messageId);
      if (type == 2 && frame.size() >= 4) {
        String action = frame.get(2).asText();
        e.put("action", action);
        ownCalls.put(messageId, action);
        if (dir.equals("tx")) {
          meter(action, frame.get(3));
        }
      } else if (type == 3 || type == 4) {
        String action = answeredCalls.remove(messageId);
        if (action != null) {
          e.put("action", action);
        }
        if (type == 4 && frame.size() >= 3) {
          e.put("errorCode", frame.get(2).asText());
        }
      }
      e.set("frame", frame);
    } else {
      e.put("frame", text);
    }
    hub.publish(e);
  }

  /** The meter readings a station's CALL carries, as {@code meter} events. */
  private void meter(String action, JsonNode payload) {
    Integer evse = null;
    JsonNode values;
    String txId = null;
    switch (action) {
      case "MeterValues" -> {
        evse = payload.has("connectorId") ? payload.get("connectorId").asInt() : null;
        if (payload.has("evseId")) {
          evse = payload.get("evseId").asInt();
        }
        txId = payload.path("transactionId").asText(null);
        values = payload.path("meterValue");
      }
      case "StopTransaction" -> {
        txId = payload.path("transactionId").asText(null);
        values = payload.path("transactionData");
      }
      case "TransactionEvent" -> {
        txId = payload.path("transactionInfo").path("transactionId").asText(null);
        if (payload.path("evse").has("id")) {
          evse = payload.path("evse").path("id").asInt();
          if (txId != null) {
            transactionEvses.put(txId, evse);
          }
        } else if (txId != null) {
          evse = transactionEvses.get(txId);
        }
        if ("Ended".equals(payload.path("eventType").asText()) && txId != null) {
          transactionEvses.remove(txId);
        }
        values = payload.path("meterValue");
      }
      default -> {
        return;
      }
    }
    if (!values.isArray()) {
      return;
    }
    for (JsonNode value : values) {
      ObjectNode e = event("meter");
      if (evse != null) {
        e.put("evse", evse);
      }
      if (txId != null) {
        e.put("transactionId", txId);
      }
      e.put("timestamp", value.path("timestamp").asText());
      e.set("sampledValue", value.path("sampledValue"));
      hub.publish(e);
    }
  }
}
