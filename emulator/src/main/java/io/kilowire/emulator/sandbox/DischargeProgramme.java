package io.kilowire.emulator.sandbox;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.scheduling.TaskScheduler;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The sandbox's V2G programme (OCPP 2.1): every day in its window (the site's evening peak) it asks
 * each running transaction of a 2.1 station to feed energy back, with a TxProfile in
 * CentralSetpoint whose setpoint and dischargeLimit are minus the window's current, and lifts it
 * with ClearChargingProfile when the window ends. A CSMS learns which EVs can discharge from the
 * answers: a station whose EV is not in an ISO 15118-20 bidirectional session answers Rejected, and
 * that transaction is not asked again. A transaction that starts within the window is asked once
 * its TransactionEvent Started is answered (and every minute the programme looks for any it
 * missed). Runs on the sandbox's scheduler.
 */
final class DischargeProgramme {
  /** Profile ids of the programme: this plus the EVSE id (the sandbox's own offers use 1000+). */
  static final int PROFILE_ID_BASE = 2100;

  /** Above the sandbox's own TxProfile (stack level 0), so it wins while in force. */
  static final int STACK_LEVEL = 1;

  /** How often, within the window, it looks for transactions not asked yet. */
  static final Duration SWEEP = Duration.ofMinutes(1);

  private final SandboxCsms csms;
  private final TaskScheduler scheduler;
  private final SandboxCsms.DischargeWindow window;
  // Per station and transaction: true once the station accepted the profile, false if refused.
  private final Map<String, Boolean> asked = new ConcurrentHashMap<>();
  private @Nullable Instant windowEnd;
  private volatile boolean closed;

  DischargeProgramme(
      SandboxCsms csms, TaskScheduler scheduler, SandboxCsms.DischargeWindow window) {
    this.csms = csms;
    this.scheduler = scheduler;
    this.window = window;
  }

  /** Schedules the first window (today's, if it is still running or ahead). */
  void start() {
    Instant now = scheduler.now();
    Instant end = next(window.until(), now);
    Instant begin = previousOrNext(window.from(), end);
    at(begin.isAfter(now) ? begin : now, this::open);
  }

  void close() {
    closed = true;
  }

  private void open() {
    Instant now = scheduler.now();
    Instant end = next(window.until(), now.plusSeconds(1));
    windowEnd = end;
    asked.clear();
    csms.print(
        "*",
        String.format(
            Locale.ROOT, "V2G window until %s: asking EVs to feed back %.1f A", end, window.a()));
    sweep();
    at(end, this::lift);
  }

  /** A transaction started: within the window it is asked at once, not at the next sweep. */
  void transactionStarted() {
    scheduler.schedule(Duration.ZERO, this::askNew);
  }

  private void sweep() {
    Instant end = windowEnd;
    if (end == null || !scheduler.now().isBefore(end)) {
      return;
    }
    askNew();
    scheduler.schedule(SWEEP, this::sweep);
  }

  /** Asks every transaction of a 2.1 station not asked yet in this window. */
  private void askNew() {
    Instant end = windowEnd;
    if (closed || end == null || !scheduler.now().isBefore(end)) {
      return;
    }
    for (String stationId : csms.connected(OcppVersion.V21)) {
      for (Map.Entry<Integer, String> tx : csms.station(stationId).transactions.entrySet()) {
        String key = stationId + "/" + tx.getValue();
        if (asked.putIfAbsent(key, false) == null) {
          ask(stationId, tx.getKey(), tx.getValue(), key);
        }
      }
    }
  }

  private void ask(String stationId, int evseId, String transactionId, String key) {
    csms.call(stationId, "SetChargingProfile", profile(evseId, transactionId, window.a()))
        .whenComplete(
            (reply, failure) -> {
              boolean accepted = failure == null && reply.contains("\"Accepted\"");
              asked.put(key, accepted);
              if (!accepted) {
                csms.print(
                    stationId,
                    "EVSE "
                        + evseId
                        + " cannot feed back: "
                        + (failure != null ? failure.getMessage() : reply));
              }
            });
  }

  /** The window is over: the accepted profiles are cleared; the next window is scheduled. */
  private void lift() {
    windowEnd = null;
    for (String stationId : csms.connected(OcppVersion.V21)) {
      for (Map.Entry<Integer, String> tx : csms.station(stationId).transactions.entrySet()) {
        if (Boolean.TRUE.equals(asked.get(stationId + "/" + tx.getValue()))) {
          csms.call(
                  stationId,
                  "ClearChargingProfile",
                  "{\"chargingProfileId\":" + (PROFILE_ID_BASE + tx.getKey()) + "}")
              .whenComplete(
                  (reply, failure) -> {
                    if (failure != null) {
                      csms.print(stationId, "ClearChargingProfile failed: " + failure.getMessage());
                    }
                  });
        }
      }
    }
    asked.clear();
    Instant now = scheduler.now();
    at(next(window.from(), now.plusSeconds(1)), this::open);
  }

  /**
   * A TxProfile in CentralSetpoint: feed back {@code amps} per phase (setpoint and dischargeLimit
   * −amps); charging stays allowed up to the sandbox's usual offer, which bounds the setpoint from
   * above only.
   */
  static String profile(int evseId, String transactionId, double amps) {
    String a = BigDecimal.valueOf(amps).negate().stripTrailingZeros().toPlainString();
    return "{\"evseId\":"
        + evseId
        + ",\"chargingProfile\":{\"id\":"
        + (PROFILE_ID_BASE + evseId)
        + ",\"stackLevel\":"
        + STACK_LEVEL
        + ",\"chargingProfilePurpose\":\"TxProfile\",\"chargingProfileKind\":\"Relative\","
        + "\"transactionId\":\""
        + transactionId
        + "\",\"chargingSchedule\":[{\"id\":2,\"chargingRateUnit\":\"A\","
        + "\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":"
        + V201Handlers.OFFERED_LIMIT_A
        + ",\"operationMode\":\"CentralSetpoint\",\"setpoint\":"
        + a
        + ",\"dischargeLimit\":"
        + a
        + "}]}]}}";
  }

  private void at(Instant when, Runnable task) {
    scheduler.schedule(
        Duration.between(scheduler.now(), when),
        () -> {
          if (!closed) {
            task.run();
          }
        });
  }

  private ZoneId zone() {
    return window.zone();
  }

  /** The next instant at {@code time} of day, not before {@code from}. */
  private Instant next(LocalTime time, Instant from) {
    ZonedDateTime z = from.atZone(zone());
    ZonedDateTime candidate = z.toLocalDate().atTime(time).atZone(zone());
    if (candidate.toInstant().isBefore(from)) {
      candidate = z.toLocalDate().plusDays(1).atTime(time).atZone(zone());
    }
    return candidate.toInstant();
  }

  /** The last instant at {@code time} of day before {@code end} (within the day before it). */
  private Instant previousOrNext(LocalTime time, Instant end) {
    return next(time, end.minus(Duration.ofDays(1)));
  }
}
