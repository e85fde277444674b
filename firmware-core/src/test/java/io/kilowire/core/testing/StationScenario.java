package io.kilowire.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kilowire.core.fallback.FallbackEvent;
import io.kilowire.core.ocpp.OcppActions;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.json.JsonFrameCodec;
import io.kilowire.core.ocpp.model.OcppAction;
import io.kilowire.core.ocpp.model.OcppMessage;
import io.kilowire.core.ocpp.rpc.RpcSession;
import io.kilowire.core.ocpp.v16.adapter.V16Gateway;
import io.kilowire.core.ocpp.v16.adapter.V16StationHandlers;
import io.kilowire.core.ocpp.v201.adapter.V201Gateway;
import io.kilowire.core.ocpp.v201.adapter.V201StationHandlers;
import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.scheduling.VirtualScheduler;
import io.kilowire.core.station.ConnectorStatus;
import io.kilowire.core.station.CsmsGateway;
import io.kilowire.core.station.CsmsGateway.Registration;
import io.kilowire.core.station.MeterMeasurands;
import io.kilowire.core.station.SessionHolder;
import io.kilowire.core.station.Station;
import io.kilowire.core.station.StationIdentity;
import io.kilowire.core.station.StationParameters;
import io.kilowire.core.store.MemoryRecordLog;
import io.kilowire.core.store.MemorySnapshotStore;
import io.kilowire.core.transaction.StopReason;
import io.kilowire.core.transaction.Transaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One station, its hardware, its stores and a {@link ScriptedCsms} on a {@link VirtualLink}, all in
 * virtual time: a scenario test says what happens and asserts on what the CSMS received.
 *
 * <p>A restart abandons the running station as after {@code kill -9}: its timers never fire again
 * and its connection is gone, while the stores it wrote are handed to a new station.
 */
public final class StationScenario {
  public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  public static final String TOKEN = "TOKEN-1";
  public static final Duration LATENCY = Duration.ofMillis(20);
  private static final JsonFrameCodec CODEC = new JsonFrameCodec();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How long a rebooting station takes to connect again (its connection closes at once). */
  public static final Duration REBOOT_RECONNECT = Duration.ofMillis(100);

  /** Something the station or its link did, and when. */
  public record Event(Instant at, String what) {}

  public final OcppVersion version;
  public final VirtualScheduler clock = new VirtualScheduler(T0);
  public final FakeHardware hardware = new FakeHardware(clock);
  public final MemorySnapshotStore snapshots = new MemorySnapshotStore();
  public final MemoryRecordLog log = new MemoryRecordLog();
  public final ScriptedCsms csms;
  public final VirtualLink link;
  private java.util.function.Consumer<Station> beforeStart = s -> {};
  private final int evses;
  private StationParameters parameters;
  private boolean securityExtension;
  private MeterMeasurands measurands = MeterMeasurands.ALL;
  private int transactionCounter;
  private final List<String> events = new ArrayList<>();
  private Station.Observer alsoObserver = new Station.Observer() {};
  private final List<Event> timeline = new ArrayList<>();
  private @Nullable Station station;
  private @Nullable PowerDomain power;
  private @Nullable SessionHolder holder;
  private io.kilowire.core.hal.@Nullable FirmwareInstaller firmwareInstaller;
  private io.kilowire.core.hal.@Nullable FirmwarePublisher firmwarePublisher;
  private io.kilowire.core.station.logs.@Nullable LogUploader logUploader;

  public StationScenario(OcppVersion version, int evses, StationParameters parameters) {
    this.version = version;
    this.evses = evses;
    this.parameters = parameters;
    this.csms = new ScriptedCsms(clock, version);
    this.link = new VirtualLink(clock, version, LATENCY).csmsHandlers(csms::register);
  }

  /** Two EVSEs, default parameters. */
  public StationScenario(OcppVersion version) {
    this(version, 2, StationParameters.Fixed.defaults());
  }

  /** The measurands the next station built puts in its meter values (by default everything). */
  public StationScenario measurands(MeterMeasurands wanted) {
    this.measurands = wanted;
    return this;
  }

  /** Another observer of the next station built, told of every event after the scenario's own. */
  public StationScenario alsoObservedBy(Station.Observer observer) {
    this.alsoObserver = observer;
    return this;
  }

  /** The parameters for the next station (restart) built. */
  public StationScenario parameters(StationParameters next) {
    this.parameters = next;
    return this;
  }

  /** The firmware installer of every station built from now on (none: no firmware updates). */
  public StationScenario firmwareInstaller(io.kilowire.core.hal.FirmwareInstaller installer) {
    this.firmwareInstaller = installer;
    return this;
  }

  /** Makes every station built from now on a local controller serving firmware so. */
  public StationScenario firmwarePublisher(io.kilowire.core.hal.FirmwarePublisher publisher) {
    this.firmwarePublisher = publisher;
    return this;
  }

  /** Where every station built from now on uploads its logs (none: no log uploads). */
  public StationScenario logUploader(io.kilowire.core.station.logs.LogUploader uploader) {
    this.logUploader = uploader;
    return this;
  }

  /**
   * 1.6: whether the station uses the security extension (SecurityEventNotification); off by
   * default, as for a station in security profile 0.
   */
  public StationScenario securityExtension(boolean inUse) {
    this.securityExtension = inUse;
    return this;
  }

  // ------------------------------------------------------------------------------ lifecycle

  /** Each station this scenario builds is handed to {@code setUp} before it starts. */
  public StationScenario beforeStart(java.util.function.Consumer<Station> setUp) {
    this.beforeStart = setUp;
    return this;
  }

  /** Builds a station over the stores and starts it (restores state), not yet connected. */
  public Station start() {
    PowerDomain domain = new PowerDomain(clock);
    SessionHolder h = new SessionHolder();
    JsonFrameCodec codec = new JsonFrameCodec();
    StationIdentity identity = new StationIdentity("Kilowire", "KW-test", "SN-1", "1.0");
    CsmsGateway gateway =
        version == OcppVersion.V16
            ? new V16Gateway(h, codec, identity, measurands, () -> securityExtension)
            : new V201Gateway(h, codec, identity, measurands);
    Station s =
        new Station(
            evses,
            parameters,
            hardware,
            domain,
            snapshots,
            log,
            gateway,
            () -> "tx-" + ++transactionCounter,
            new Station.Observer() {
              @Override
              public void registration(Registration registration) {
                alsoObserver.registration(registration);
              }

              @Override
              public void status(int evse, ConnectorStatus status) {
                alsoObserver.status(evse, status);
              }

              @Override
              public void transactionStarted(Transaction tx) {
                alsoObserver.transactionStarted(tx);
              }

              @Override
              public void transactionEnded(Transaction tx, StopReason reason) {
                event("ended " + tx.id() + " " + reason);
                alsoObserver.transactionEnded(tx, reason);
              }

              @Override
              public void csmsTime(Instant csmsTime) {
                alsoObserver.csmsTime(csmsTime);
              }

              @Override
              public void rebootRequested(boolean hard) {
                event(hard ? "reboot hard" : "reboot soft");
                alsoObserver.rebootRequested(hard);
              }

              @Override
              public void fallback(FallbackEvent event) {
                alsoObserver.fallback(event);
              }
            });
    // As the runtime does it: the connection closes (what was sent still arrives, as on a TCP
    // connection closed gracefully) and a new one opens.
    s.onReboot(hard -> domain.schedule(LATENCY, () -> reboot(s, domain)));
    this.power = domain;
    this.holder = h;
    this.station = s;
    if (firmwareInstaller != null) {
      s.firmwareInstaller(firmwareInstaller);
      if (firmwarePublisher != null) {
        s.firmwarePublisher(firmwarePublisher);
      }
    }
    if (logUploader != null) {
      s.logUploader(logUploader);
    }
    beforeStart.accept(s);
    s.start();
    return s;
  }

  /** Starts the station, connects it, and lets the boot and first status reports complete. */
  public Station startOnline() {
    Station s = start();
    connect();
    settle();
    return s;
  }

  /** The power goes away: the station stops dead, without shutdown, its link drops. */
  public void powerLoss() {
    Objects.requireNonNull(power).off();
    link.drop();
    Objects.requireNonNull(holder).detach();
    station = null;
  }

  /** A power loss, then a new station over the same stores, started and connected. */
  public Station restartOnline() {
    powerLoss();
    return startOnline();
  }

  public Station station() {
    return Objects.requireNonNull(station, "no station running");
  }

  /** Station-side events: transaction ends and reboot requests, in order. */
  public List<String> events() {
    return List.copyOf(events);
  }

  /** The station's events and the link closing and opening for a reboot, in order, with times. */
  public List<Event> timeline() {
    return List.copyOf(timeline);
  }

  private void event(String what) {
    events.add(what);
    timeline.add(new Event(clock.now(), what));
  }

  private void reboot(Station rebooting, TaskScheduler domain) {
    if (station != rebooting) {
      return;
    }
    timeline.add(new Event(clock.now(), "link closed"));
    drop();
    domain.schedule(
        REBOOT_RECONNECT,
        () -> {
          if (station == rebooting && !link.isUp()) {
            timeline.add(new Event(clock.now(), "link opened"));
            connect();
          }
        });
  }

  // ------------------------------------------------------------------------------ the link

  /** The connection opens (as the runtime does it: handlers, session, then the station). */
  public void connect() {
    RpcSession s = link.connect();
    if (version == OcppVersion.V16) {
      V16StationHandlers.register(s, station());
      io.kilowire.core.ocpp.v16.adapter.V16CertificateHandlers.register(
          s, station().certificates());
    } else if (version == OcppVersion.V21) {
      // As the runtime does it: the 2.0.1 handlers over the bridge, then 2.1's own.
      io.kilowire.core.ocpp.v21.adapter.V21Endpoint bridge =
          io.kilowire.core.ocpp.v21.adapter.V21Endpoint.forStation(s);
      V201StationHandlers.register(bridge, station());
      io.kilowire.core.ocpp.v201.adapter.V201CertificateHandlers.register(
          bridge, station().certificates());
      io.kilowire.core.ocpp.v21.adapter.V21StationHandlers.register(bridge, station());
      io.kilowire.core.ocpp.v21.adapter.V21DynamicScheduleHandlers.register(bridge, station());
      io.kilowire.core.ocpp.v21.adapter.V21PriorityChargingHandlers.register(bridge, station());
      io.kilowire.core.ocpp.v21.adapter.V21FrequencyHandlers.register(bridge, station());
      Objects.requireNonNull(holder).attach(bridge);
      station().connected();
      return;
    } else {
      V201StationHandlers.register(s, station());
      io.kilowire.core.ocpp.v201.adapter.V201CertificateHandlers.register(
          s, station().certificates());
    }
    Objects.requireNonNull(holder).attach(s);
    station().connected();
  }

  /** The connection drops (as the runtime sees it: the session fails, then the station). */
  public void drop() {
    link.drop();
    Objects.requireNonNull(holder).detach();
    station().disconnected();
  }

  // ------------------------------------------------------------------------------ time

  public void advance(Duration d) {
    clock.advance(d);
  }

  /** Long enough for every exchange in progress to complete on the link. */
  public void settle() {
    clock.advance(Duration.ofSeconds(1));
  }

  /** A command from the CSMS; returns the station's answer once it arrived. */
  public <R extends OcppMessage> R command(OcppMessage request, Class<R> response) {
    CompletableFuture<R> reply = link.csmsSession().call(request, response);
    settle();
    if (!reply.isDone()) {
      throw new AssertionError("no answer to " + request.getClass().getSimpleName());
    }
    return reply.join();
  }

  /**
   * A command from the CSMS written as JSON ({@code action}'s request payload); returns the
   * station's answer as JSON.
   */
  public JsonNode command(String action, String requestJson) {
    OcppAction a =
        OcppActions.of(version)
            .byName(action)
            .orElseThrow(() -> new IllegalArgumentException("no action " + action));
    OcppMessage answer =
        command(
            CODEC.decodePayload(CODEC.parsePayload(requestJson), a.requestType()),
            a.responseType());
    try {
      return JSON.readTree(CODEC.encodePayload(answer).json());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The payloads of the station's CALLs of {@code action} as they crossed the link, in order. */
  public List<JsonNode> sent(String action) {
    List<JsonNode> payloads = new ArrayList<>();
    for (VirtualLink.Crossing c : link.frames()) {
      if (c.fromStation()) {
        try {
          JsonNode frame = JSON.readTree(c.frame());
          if (frame.path(0).asInt() == 2 && frame.path(2).asText().equals(action)) {
            payloads.add(frame.path(3));
          }
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    }
    return payloads;
  }

  // ------------------------------------------------------------------------------ the EV side

  /** The EV on {@code evse} is plugged in and draws {@code amps} per phase once energized. */
  public void plugIn(int evse, double amps) {
    hardware.draw(evse, amps);
    station().plugIn(evse);
  }

  /** Token, then plug, then the EV charges: a transaction runs (once authorized). */
  public void startCharging(int evse, String token, double amps) {
    station().presentToken(evse, token, "ISO14443");
    settle();
    plugIn(evse, amps);
    station().evCharging(evse, true);
    settle();
  }

  /**
   * A scheduler that stops with the station's power: tasks scheduled by a station that lost power
   * never run, as its process is gone.
   */
  private static final class PowerDomain implements TaskScheduler {
    private final TaskScheduler clock;
    private boolean on = true;

    PowerDomain(TaskScheduler clock) {
      this.clock = clock;
    }

    void off() {
      on = false;
    }

    @Override
    public Instant now() {
      return clock.now();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
      return clock.schedule(
          delay,
          () -> {
            if (on) {
              task.run();
            }
          });
    }
  }
}
