package io.kilowire.core.station;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.StationScenario;
import io.kilowire.core.transaction.Transaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jspecify.annotations.Nullable;

/** A one-EVSE 2.1 station with an EV charging, and what it told the CSMS: for 2.1 scenarios. */
final class Ocpp21Charging {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Ocpp21Charging() {}

  /** A one-EVSE 2.1 station, online. */
  static StationScenario station() {
    return station(1);
  }

  /** A 2.1 station with {@code evses} EVSEs, online. */
  static StationScenario station(int evses) {
    StationScenario sc =
        new StationScenario(OcppVersion.V21, evses, StationParameters.Fixed.defaults());
    sc.startOnline();
    return sc;
  }

  /** A V2G EV (ISO 15118-20 BPT) on bidirectional EVSE {@code evse}, in a transaction; its id. */
  static String v2g(StationScenario sc, int evse) {
    return onBidirectionalEvse(sc, evse, true);
  }

  /** An EV on bidirectional EVSE {@code evse} that chose BPT (or not), in a transaction; its id. */
  static String onBidirectionalEvse(StationScenario sc, int evse, boolean bpt) {
    sc.hardware.bidirectional(evse, true);
    sc.hardware.evInBptSession(evse, bpt);
    sc.startCharging(evse, StationScenario.TOKEN, 16);
    return sc.station().openTransactions().stream()
        .filter(t -> t.evse() == evse)
        .map(Transaction::id)
        .findFirst()
        .orElseThrow();
  }

  /** An EV drawing 32 A charges on EVSE 1; its transaction's id. */
  static String charging(StationScenario sc) {
    sc.startCharging(1, StationScenario.TOKEN, 32);
    return sc.station().openTransactions().stream().map(Transaction::id).findFirst().orElseThrow();
  }

  /**
   * The station's answer to an Absolute SetChargingProfile on {@code evse} (from 2025-12-31, one
   * schedule in {@code unit}) with {@code periods}, tied to transaction {@code tx} if given.
   */
  static JsonNode setProfile(
      StationScenario sc,
      int evse,
      int id,
      String purpose,
      @Nullable String tx,
      String unit,
      String periods) {
    return sc.command(
        "SetChargingProfile",
        "{\"evseId\":"
            + evse
            + ",\"chargingProfile\":{\"id\":"
            + id
            + ",\"stackLevel\":0,\"chargingProfilePurpose\":\""
            + purpose
            + "\",\"chargingProfileKind\":\"Absolute\","
            + (tx == null ? "" : "\"transactionId\":\"" + tx + "\",")
            + "\"chargingSchedule\":[{\"id\":1,\"startSchedule\":\"2025-12-31T00:00:00Z\","
            + "\"chargingRateUnit\":\""
            + unit
            + "\",\"chargingSchedulePeriod\":["
            + periods
            + "]}]}}");
  }

  /** The payload of the last CALL of {@code action} the station sent. */
  static JsonNode lastSent(StationScenario sc, String action) {
    String frame =
        sc.link.frames().stream()
            .filter(c -> c.fromStation() && c.frame().contains("\"" + action + "\""))
            .reduce((a, b) -> b)
            .orElseThrow()
            .frame();
    try {
      return JSON.readTree(frame).get(3);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
