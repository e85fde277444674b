package io.kilowire.emulator.station;

import io.kilowire.core.configuration.V16Keys;
import io.kilowire.core.configuration.V201Variables;
import io.kilowire.core.loadmanagement.DemandResponse;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.runtime.ClientState;
import io.kilowire.core.runtime.StationRuntime;
import io.kilowire.core.runtime.StationThread;
import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.station.ConnectorStatus;
import io.kilowire.core.station.CsmsGateway.Registration;
import io.kilowire.core.station.EvControlMode;
import io.kilowire.core.station.FaultCode;
import io.kilowire.core.station.Station;
import io.kilowire.core.station.StationIdentity;
import io.kilowire.core.transaction.StopReason;
import io.kilowire.core.transaction.Transaction;
import io.kilowire.core.transport.FrameObserver;
import io.kilowire.core.transport.JdkWebSocketTransport;
import io.kilowire.core.transport.ObservedTransport;
import io.kilowire.core.transport.OcppTransport;
import io.kilowire.core.transport.TransportConfig;
import io.kilowire.emulator.cli.Console;
import io.kilowire.emulator.trace.FrameTrace;
import io.kilowire.emulator.trace.PilotTrace;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One emulated charging station: the full firmware-core station ({@link StationRuntime}) on
 * simulated hardware, with a simple EV per EVSE that arrives, presents its token, draws what the
 * pilot offers up to its own maximum, and leaves after a while.
 */
public final class EmulatedStation implements AutoCloseable {
  /** What the emulated meter reports by default; a CSMS may narrow it. */
  static final java.util.List<String> MEASURANDS =
      java.util.List.of(
          "Energy.Active.Import.Register",
          "Power.Active.Import",
          "Current.Import",
          "Voltage",
          "SoC");

  private final String id;
  private final int evses;
  private final Console console;
  private final @Nullable FrameTrace trace;
  private final @Nullable PilotTrace pilotTrace;
  private final StationRuntime runtime;
  private final SimulatedHardware hardware;

  private final SimulatedFirmware firmware;
  private final SimulatedLogUploads logUploads = new SimulatedLogUploads();

  /** What each of an emulated station's logs keeps: enough for a CSMS to see GetLog work. */
  static final int LOG_ENTRIES = 300;

  private final @Nullable EvBehaviour behaviour;
  private final boolean hlc;
  private final EmulatedToken.Type tokenType;
  private final Random random;
  private final AtomicInteger transactions = new AtomicInteger();
  private final AtomicInteger transactionsEnded = new AtomicInteger();

  /** How long a driver waits before presenting the card again to a station not yet registered. */
  private static final Duration TOKEN_RETRY = Duration.ofSeconds(2);

  private volatile boolean closing;
  private volatile boolean randomEvs = true;
  private volatile boolean expiredAtStart;

  // The operator's handles (control API): frames to several observers, the network, raw frames.
  private final FrameFanout frames = new FrameFanout();
  private final java.util.List<Station.Observer> observers =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private final java.util.List<java.util.function.Consumer<ClientState>> stateListeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private @Nullable StationLink network; // set by the transport factory while the runtime is built
  private @Nullable StationWire wire; // likewise
  private volatile boolean everAccepted;
  private volatile @Nullable String lastProblem;

  /**
   * How the emulated EVs behave; times are wall-clock. {@code hlc}: every EV speaks ISO 15118 and
   * is offered its current over the (simulated) link, with the pilot at 5 %. {@code v2g}: null, or
   * how each EV feeds back (ISO 15118-20 BPT, where the EVSEs can).
   */
  public record EvBehaviour(
      Duration firstArrival,
      Duration stay,
      Duration gap,
      double maxCurrentA,
      int phases,
      double batteryWh,
      boolean hlc,
      boolean bidirectionalEvses,
      @Nullable V2g v2g) {
    /**
     * What a V2G EV adds: the most it feeds back per phase, the state of charge it keeps, and how
     * it is controlled.
     */
    public record V2g(double dischargeA, double minSocPercent, EvControlMode control) {
      public V2g {
        java.util.Objects.requireNonNull(control, "control");
      }
    }

    /** EVs that charge only. */
    public EvBehaviour(
        Duration firstArrival,
        Duration stay,
        Duration gap,
        double maxCurrentA,
        int phases,
        double batteryWh,
        boolean hlc,
        boolean bidirectionalEvses) {
      this(firstArrival, stay, gap, maxCurrentA, phases, batteryWh, hlc, bidirectionalEvses, null);
    }

    /** The EVSEs charge only. */
    public EvBehaviour(
        Duration firstArrival,
        Duration stay,
        Duration gap,
        double maxCurrentA,
        int phases,
        double batteryWh,
        boolean hlc) {
      this(firstArrival, stay, gap, maxCurrentA, phases, batteryWh, hlc, false);
    }

    /** EVs that read the duty cycle only (no ISO 15118). */
    public EvBehaviour(
        Duration firstArrival,
        Duration stay,
        Duration gap,
        double maxCurrentA,
        int phases,
        double batteryWh) {
      this(firstArrival, stay, gap, maxCurrentA, phases, batteryWh, false);
    }

    public static EvBehaviour defaults() {
      return new EvBehaviour(
          Duration.ofSeconds(2), Duration.ofSeconds(40), Duration.ofSeconds(10), 16, 3, 60_000);
    }

    /** The same EVs, speaking ISO 15118 or not. */
    public EvBehaviour withHlc(boolean on) {
      return new EvBehaviour(
          firstArrival, stay, gap, maxCurrentA, phases, batteryWh, on, bidirectionalEvses, v2g);
    }

    /**
     * The same, on EVSEs whose power electronics can (or cannot) feed back: an EV that chose ISO
     * 15118-20 bidirectional power transfer may then discharge (needs {@link #hlc}).
     */
    public EvBehaviour withBidirectionalEvses(boolean on) {
      return new EvBehaviour(firstArrival, stay, gap, maxCurrentA, phases, batteryWh, hlc, on, v2g);
    }

    /** The same EVs, feeding back as {@code how} says (null: charging only). */
    public EvBehaviour withV2g(@Nullable V2g how) {
      return new EvBehaviour(
          firstArrival, stay, gap, maxCurrentA, phases, batteryWh, hlc, bidirectionalEvses, how);
    }

    /** The EV that comes. */
    public EvModel ev() {
      EvModel ev = EvModel.of(batteryWh, maxCurrentA, phases);
      V2g how = v2g;
      return how == null
          ? ev
          : ev.withV2g(how.dischargeA(), how.minSocPercent()).withControlMode(how.control());
    }
  }

  /**
   * The time base and link a station runs on: real time over a WebSocket (the default), or a
   * virtual-time thread over an in-memory link.
   *
   * @param clock what the simulated meter and the pilot trace read
   * @param thread the station's thread; null = its own real-time thread
   * @param transport the link to the CSMS; null = a WebSocket to the configured URL (the JDK's
   *     client, which needs no thread per connection)
   */
  public record Timebase(
      Clock clock,
      @Nullable StationThread thread,
      @Nullable Function<TaskScheduler, OcppTransport> transport) {
    public static Timebase realTime() {
      return new Timebase(Clock.systemUTC(), null, null);
    }

    /** Real time on {@code thread}, e.g. one of {@code SharedStationThreads}, over a WebSocket. */
    public static Timebase realTime(StationThread thread) {
      return new Timebase(Clock.systemUTC(), thread, null);
    }
  }

  /**
   * @param behaviour the EVs' random comings and goings; null = none come by themselves (a site
   *     simulation brings them: {@link #arriveEv}, {@link #departEv})
   * @param tokenType what kind of token the EVs present ({@link EmulatedToken})
   */
  public EmulatedStation(
      TransportConfig config,
      int evses,
      Console console,
      @Nullable FrameTrace trace,
      @Nullable PilotTrace pilotTrace,
      @Nullable Path stateDir,
      Duration meterSampleInterval,
      @Nullable EvBehaviour behaviour,
      boolean resumeAfterPowerLoss,
      long seed,
      Timebase timebase,
      EmulatedToken.Type tokenType) {
    this(
        config,
        console,
        trace,
        pilotTrace,
        stateDir,
        meterSampleInterval,
        behaviour,
        resumeAfterPowerLoss,
        seed,
        timebase,
        tokenType,
        StationDesign.standard(evses));
  }

  /**
   * As the other constructor, with the station built as {@code design} says (a template): its
   * identity, EVSEs and connectors, hardware maxima, measurands and initial configuration.
   */
  public EmulatedStation(
      TransportConfig config,
      Console console,
      @Nullable FrameTrace trace,
      @Nullable PilotTrace pilotTrace,
      @Nullable Path stateDir,
      Duration meterSampleInterval,
      @Nullable EvBehaviour behaviour,
      boolean resumeAfterPowerLoss,
      long seed,
      Timebase timebase,
      EmulatedToken.Type tokenType,
      StationDesign design) {
    int evses = design.evses().size();
    this.id = config.stationId();
    this.tokenType = tokenType;
    this.evses = evses;
    this.console = console;
    this.trace = trace;
    this.pilotTrace = pilotTrace;
    this.behaviour = behaviour;
    this.hlc = behaviour != null && behaviour.hlc();
    this.random = new Random(seed);
    // The simulated meter integrates on the station's clock.
    this.hardware =
        new SimulatedHardware(timebase.clock(), design.maxCurrentA())
            .bidirectional(behaviour != null && behaviour.bidirectionalEvses());
    this.firmware = new SimulatedFirmware(design.firmwareVersion());
    StationRuntime.Builder builder =
        StationRuntime.builder(config, hardware)
            .firmwareInstaller(firmware)
            .firmwarePublisher(FirmwareFileServer.forStation(config.stationId()))
            // Events only, the latest few hundred: a fleet of thousands keeps its memory.
            .logUploader(logUploads)
            .logFrames(false)
            .logCapacity(LOG_ENTRIES);
    if (timebase.thread() != null) {
      builder.thread(timebase.thread());
    }
    Function<TaskScheduler, OcppTransport> link = timebase.transport();
    builder
        .identity(
            new StationIdentity(
                design.vendor(),
                design.model(),
                design.serialNumber() != null ? design.serialNumber() : serialNumber(id),
                design.firmwareVersion()))
        // Initial values: a CSMS may change them (ChangeConfiguration / SetVariables).
        .v16Configuration(
            c ->
                c.initial(
                        V16Keys.METER_VALUE_SAMPLE_INTERVAL, (int) meterSampleInterval.toSeconds())
                    .initial(V16Keys.METER_VALUES_SAMPLED_DATA, design.measurands()))
        .v201DeviceModel(
            d ->
                d.initial(
                        V201Variables.SampledDataCtrlr.TX_UPDATED_INTERVAL,
                        (int) meterSampleInterval.toSeconds())
                    .initial(
                        V201Variables.SampledDataCtrlr.TX_UPDATED_MEASURANDS, design.measurands()))
        .v16Configuration(design.v16())
        .v201DeviceModel(design.v201())
        .layout(design.evses())
        .evseMaxCurrentA(design.maxCurrentA())
        .stateDir(stateDir)
        .resumeAfterPowerLoss(resumeAfterPowerLoss)
        .observer(new Printer())
        .stateListener(this::onState)
        .transportFactory(
            scheduler -> {
              // The link to the CSMS behind a network switch, the observers (trace, event
              // stream) outside it, and outermost what an operator may change on the wire.
              network =
                  new StationLink(
                      config,
                      c ->
                          link != null
                              ? link.apply(scheduler)
                              : new JdkWebSocketTransport(c, scheduler));
              wire =
                  new StationWire(
                      new ObservedTransport(network, frames, "frame observers of " + id));
              return wire;
            });
    if (trace != null) {
      frames.add(trace, "frame trace of " + id);
    }
    this.runtime = builder.build();
    network().credentials(runtime::connectionConfig);
    firmware.attach(runtime.scheduler());
    logUploads.attach(runtime.scheduler());
    hardware.attach(
        runtime.scheduler(),
        pilotTrace,
        (evse, code) -> runtime.station().fault(evse, code),
        hlc ? (evse, needs) -> runtime.station().evChargingNeeds(evse, needs) : null);
    hardware.hlcCertificates(
        new io.kilowire.core.station.certificates.HlcCertificateBackend(
            runtime.station().certificates()));
    // With V2X switched off (2.1 V2XChargingCtrlr.Enabled) a new ISO 15118 session gets no BPT.
    hardware.hlcBptOffered(runtime::v2xEnabled);
    hardware.onCharging((evse, on) -> runtime.station().evCharging(evse, on));
    // EnterService's randomDelay draws from the station's seed, so a run repeats exactly.
    runtime.station().der().randomDelays(new SplittableRandom(seed));
  }

  public String id() {
    return id;
  }

  /** How the station's log uploads behave (GetDiagnostics, GetLog). */
  public SimulatedLogUploads logUploads() {
    return logUploads;
  }

  /** The station's simulated firmware (how its downloads behave, the version it runs). */
  public SimulatedFirmware firmware() {
    return firmware;
  }

  public Station station() {
    return runtime.station();
  }

  public StationRuntime runtime() {
    return runtime;
  }

  public SimulatedHardware hardware() {
    return hardware;
  }

  public boolean isAccepted() {
    boolean[] accepted = new boolean[1];
    runtime.call(() -> accepted[0] = runtime.station().isAccepted());
    return accepted[0];
  }

  public int transactionsStarted() {
    return transactions.get();
  }

  public int transactionsEnded() {
    return transactionsEnded.get();
  }

  /** Transaction messages waiting for the CSMS (queued offline, or sent and not yet confirmed). */
  public int queuedTransactionMessages() {
    int[] queued = new int[1];
    runtime.call(() -> queued[0] = runtime.station().queuedTransactionMessages());
    return queued[0];
  }

  public void start() {
    runtime.start();
    if (expiredAtStart) {
      expireCertificate();
    }
    runtime.call(
        () -> {
          // Meter registers continue where the last run left off.
          for (Transaction tx : runtime.station().openTransactions()) {
            hardware.setRegister(tx.evse(), tx.lastReading().energyWh());
          }
          EvBehaviour b = behaviour;
          for (int e = 1; e <= evses && b != null; e++) {
            int evse = e;
            if (runtime.station().transaction(evse).isPresent()) {
              // A resumed transaction: its EV is still there.
              hardware.connectEv(evse, b.ev(), 40, b.hlc());
              if (randomEvs) {
                scheduleDeparture(b, evse);
              }
            } else if (randomEvs) {
              schedule(jitter(b.firstArrival()), () -> arrive(b, evse));
            }
          }
        });
  }

  private void arrive(EvBehaviour b, int evse) {
    if (closing || !randomEvs) {
      return;
    }
    Station s = runtime.station();
    if (s.transaction(evse).isPresent() || !s.isOperative(evse)) {
      schedule(jitter(b.gap()), () -> arrive(b, evse));
      return;
    }
    plugIn(evse, b.ev(), 20 + random.nextInt(40));
    scheduleDeparture(b, evse);
  }

  /** The EV plugs in, presents its token; it charges once the transaction runs. */
  private void plugIn(int evse, EvModel ev, double socPercent) {
    hardware.connectEv(evse, ev, socPercent, hlc);
    runtime.station().plugIn(evse);
    presentToken(evse, ev);
  }

  /**
   * The driver presents the card once the station is registered: before that, an offline station
   * may refuse the token, and a driver would tap again. Waits while this EV stays plugged in.
   */
  private void presentToken(int evse, EvModel ev) {
    Station s = runtime.station();
    if (closing || hardware.ev(evse) != ev || s.transaction(evse).isPresent()) {
      return;
    }
    if (!s.isAccepted()) {
      schedule(TOKEN_RETRY, () -> presentToken(evse, ev));
      return;
    }
    s.presentToken(evse, EmulatedToken.of(tokenType, id, evse), tokenType.wireName());
  }

  /**
   * The serial number in the BootNotification: the station id, or its last 25 characters (both
   * versions allow at most 25; a longer one would make every BootNotification invalid).
   */
  static String serialNumber(String stationId) {
    return stationId.length() <= 25 ? stationId : stationId.substring(stationId.length() - 25);
  }

  /**
   * An EV arrives on {@code evse} (from a site's arrival list): it plugs in and presents its token.
   * Returns false, with nothing done, when the EVSE is taken or inoperative.
   */
  public boolean arriveEv(int evse, EvModel ev, double socPercent) {
    boolean[] done = new boolean[1];
    runtime.call(
        () -> {
          Station s = runtime.station();
          if (closing
              || hardware.ev(evse) != null
              || s.transaction(evse).isPresent()
              || !s.isOperative(evse)) {
            return;
          }
          plugIn(evse, ev, socPercent);
          done[0] = true;
        });
    return done[0];
  }

  /** The EV on {@code evse} unplugs and leaves; its transaction ends. */
  public void departEv(int evse) {
    runtime.call(
        () -> {
          if (!closing && hardware.ev(evse) != null) {
            hardware.disconnectEv(evse);
            runtime.station().unplug(evse);
          }
        });
  }

  /**
   * What one EVSE's EV does now, as a site meter and a load balancer see it.
   *
   * @param drawA what the EV draws per phase
   * @param phases the phases it draws on (its own, at most those the phase contactor connects)
   * @param ev the EV plugged in, if any
   * @param socPercent its state of charge
   * @param sessionStart when its transaction started; null without one
   */
  public record EvseState(
      double drawA,
      int phases,
      @Nullable EvModel ev,
      @Nullable Double socPercent,
      java.time.@Nullable Instant sessionStart) {}

  public EvseState evseState(int evse) {
    EvseState[] out = new EvseState[1];
    runtime.call(
        () ->
            out[0] =
                new EvseState(
                    hardware.drawA(evse),
                    hardware.phases(evse),
                    hardware.ev(evse),
                    hardware.socPercent(evse),
                    runtime.station().transaction(evse).map(Transaction::startedAt).orElse(null)));
    return out[0];
  }

  /**
   * The load balancer chose {@code phases} (1 or 3) for {@code evse}: the EVSE switches to them
   * unless it already uses them or is switching.
   */
  public void switchPhases(int evse, int phases) {
    runtime.call(() -> hardware.requestPhases(evse, phases));
  }

  /**
   * The site's cap on {@code evse} (the load balancer's allocation); null lifts it. The station
   * applies min(composite schedule, local limit, fallback cap, hardware).
   */
  public void localLimit(int evse, @Nullable Double amps) {
    runtime.call(() -> runtime.station().localLimit(evse, amps));
  }

  /**
   * The site's cap on what {@code evse} feeds back (OCPP 2.1 discharging), amps per phase; null
   * lifts it.
   */
  public void localDischargeLimit(int evse, @Nullable Double amps) {
    runtime.call(() -> runtime.station().localDischargeLimit(evse, amps));
  }

  /**
   * An external (EMS) limit on the station as a whole; null withdraws it. The station installs it
   * as a ChargingStationExternalConstraints profile and reports it (2.0.1 NotifyChargingLimit).
   */
  public void externalLimit(@Nullable DemandResponse limit) {
    runtime.call(() -> runtime.station().externalLimit(limit));
  }

  private void scheduleDeparture(EvBehaviour b, int evse) {
    schedule(jitter(b.stay()), () -> leave(b, evse));
  }

  private void leave(EvBehaviour b, int evse) {
    if (closing) {
      return;
    }
    hardware.disconnectEv(evse);
    runtime.station().unplug(evse);
    schedule(jitter(b.gap()), () -> arrive(b, evse));
  }

  private void schedule(Duration delay, Runnable task) {
    TaskScheduler scheduler = runtime.scheduler();
    scheduler.schedule(delay, task);
  }

  private Duration jitter(Duration base) {
    long ms = base.toMillis();
    return Duration.ofMillis(ms / 2 + (ms > 0 ? (long) (random.nextDouble() * ms) : 0));
  }

  /** Whether the CSMS accepted this station's BootNotification at least once. */
  public boolean everAccepted() {
    return everAccepted;
  }

  /**
   * Why the station is not (or was not last) registered: the last connection failure or refused
   * BootNotification; null while nothing went wrong.
   */
  public @Nullable String lastProblem() {
    return lastProblem;
  }

  private void onState(ClientState state) {
    stateListeners.forEach(l -> l.accept(state));
    if (state instanceof ClientState.Disconnected d && !closing) {
      lastProblem =
          d.reason().kind() + (d.reason().detail().isEmpty() ? "" : ": " + d.reason().detail());
    }
    switch (state.kind()) {
      case CONNECTED ->
          console.line(
              id, "connected with " + ((ClientState.Connected) state).version().subprotocol());
      case DISCONNECTED -> {
        if (!closing) {
          console.line(id, "disconnected: " + ((ClientState.Disconnected) state).reason().kind());
        }
      }
      case RETRY_SCHEDULED ->
          console.line(
              id,
              "reconnecting in " + ((ClientState.RetryScheduled) state).delay().toMillis() + " ms");
      default -> {}
    }
  }

  /** Prints what the station does, and tells the further observers ({@link #addObserver}). */
  private final class Printer implements Station.Observer {
    @Override
    public void registration(Registration registration) {
      observers.forEach(o -> o.registration(registration));
      if (registration == Registration.ACCEPTED) {
        everAccepted = true;
        lastProblem = null;
      } else {
        lastProblem = "BootNotification answered " + registration;
      }
      console.line(
          id,
          registration == Registration.ACCEPTED
              ? "accepted by the CSMS"
              : "registration " + registration);
    }

    @Override
    public void status(int evse, ConnectorStatus status) {
      observers.forEach(o -> o.status(evse, status));
      console.line(id, "EVSE " + evse + " " + status);
    }

    @Override
    public void transactionStarted(Transaction tx) {
      observers.forEach(o -> o.transactionStarted(tx));
      transactions.incrementAndGet();
      console.line(
          id, "EVSE " + tx.evse() + " transaction " + tx.id() + " started for " + tx.idToken());
    }

    @Override
    public void transactionEnded(Transaction tx, StopReason reason) {
      transactionsEnded.incrementAndGet();
      // A transaction open at power loss ends while the station starts, before start() could
      // restore its register: the meter must not fall back below its last recorded reading.
      hardware.restoreRegister(tx.evse(), tx.lastReading().energyWh());
      observers.forEach(o -> o.transactionEnded(tx, reason));
      console.line(
          id,
          String.format(
              Locale.ROOT,
              "EVSE %d transaction %s ended (%s), %.0f Wh",
              tx.evse(),
              tx.id(),
              reason,
              tx.lastReading().energyWh() - tx.meterStartWh()));
    }

    @Override
    public void fallback(io.kilowire.core.fallback.FallbackEvent event) {
      observers.forEach(o -> o.fallback(event));
    }

    @Override
    public void rebootRequested(boolean hard) {
      observers.forEach(o -> o.rebootRequested(hard));
      // The station registers again by itself (BootNotification, reason RemoteReset).
      console.line(id, (hard ? "hard" : "soft") + " reset requested; rebooting");
    }
  }

  public OcppVersion version() {
    return runtime.version();
  }

  // ------------------------------------------------------- operator actions (the control API)

  /**
   * Sees the station's events beside the console (status, transactions, registration); runs on the
   * station's thread, must not block. Add before {@link #start} to see the first ones.
   */
  public void addObserver(Station.Observer observer) {
    observers.add(observer);
  }

  /** Sees the connection's state changes, on the station's thread; must not block. */
  public void addStateListener(java.util.function.Consumer<ClientState> listener) {
    stateListeners.add(listener);
  }

  /** Sees every frame in wire order, as the trace does; must not block. */
  public void addFrameObserver(FrameObserver observer, String name) {
    frames.add(observer, name);
  }

  /** The station's network: switch it off and on, change the CSMS URL. */
  public StationLink network() {
    return java.util.Objects.requireNonNull(network);
  }

  /**
   * Makes the station's certificate expire, so a CSMS can be tested against it: the station gets a
   * certificate for a new key that expired a day ago (issued by a CA the emulator mints, as a
   * maker's factory certificate would be). A station on profile 3 connects with it from now on; the
   * station asks the CSMS for a new one at once (A03), as with any certificate within a month of
   * its end.
   */
  public void expireCertificate() {
    runtime.call(
        () ->
            runtime
                .station()
                .certificates()
                .provision(ExpiredCertificates.mint(id, runtime.scheduler().now())));
  }

  /**
   * Takes the station off the network (an outage: the connection drops, attempts fail) or puts it
   * back; back on, it connects at once instead of waiting out its back-off.
   */
  public void networkDown(boolean down) {
    network().disconnect(down);
    if (!down) {
      runtime.client().reconnect();
    }
  }

  /**
   * Moves the station to the CSMS at {@code url} as a real one takes a new network profile: it
   * reboots (a soft reset: its transactions end and reach the CSMS it leaves, its state stays) and
   * registers with the new CSMS (BootNotification; 2.0.1 reason RemoteReset).
   */
  public void changeCsms(java.net.URI url) {
    network().csmsUrl(url);
    runtime.call(() -> runtime.station().reset(false, false));
  }

  /** Sends {@code frame} as it is, past the RPC session; false without a connection. */
  public boolean sendRaw(String frame) {
    return java.util.Objects.requireNonNull(wire).sendRaw(frame);
  }

  /** Why {@link #plugEv} did nothing; null when it plugged in. */
  public enum Refusal {
    OCCUPIED,
    INOPERATIVE,
    NO_EV,
    /** Neither a transaction nor a token waiting for one: no tariff to refuse. */
    NO_SESSION,
    CLOSED
  }

  /**
   * An EV plugs in on {@code evse} and does nothing more: no token is presented (the driver may do
   * it, {@link #presentToken(int, String, String)}, or the CSMS starts remotely).
   */
  public @Nullable Refusal plugEv(int evse, EvModel ev, double socPercent, boolean hlc) {
    Refusal[] out = new Refusal[1];
    runtime.call(
        () -> {
          if (closing) {
            out[0] = Refusal.CLOSED;
          } else if (hardware.ev(evse) != null) {
            out[0] = Refusal.OCCUPIED;
          } else {
            hardware.connectEv(evse, ev, socPercent, hlc);
            runtime.station().plugIn(evse);
          }
        });
    return out[0];
  }

  /** The EV on {@code evse} unplugs; null when it did, NO_EV without one. */
  public @Nullable Refusal unplugEv(int evse) {
    Refusal[] out = new Refusal[1];
    runtime.call(
        () -> {
          if (closing) {
            out[0] = Refusal.CLOSED;
          } else if (hardware.ev(evse) == null) {
            out[0] = Refusal.NO_EV;
          } else {
            hardware.disconnectEv(evse);
            runtime.station().unplug(evse);
          }
        });
    return out[0];
  }

  /**
   * The driver at {@code evse} refuses the tariff shown: the session ends (2.1 TariffNotAccepted,
   * {@link io.kilowire.core.station.Station#refuseTariff}); NO_SESSION when there is none.
   */
  public @Nullable Refusal refuseTariff(int evse) {
    boolean[] done = new boolean[1];
    runtime.call(() -> done[0] = !closing && runtime.station().refuseTariff(evse));
    return done[0] ? null : closing ? Refusal.CLOSED : Refusal.NO_SESSION;
  }

  /** A driver presents {@code idToken} (of the 2.0.1 {@code type}) at {@code evse}'s reader. */
  public void presentToken(int evse, String idToken, String type) {
    runtime.call(() -> runtime.station().presentToken(evse, idToken, type));
  }

  /**
   * The EV on {@code evse} stops (false) or resumes (true) taking energy by itself (SuspendedEV);
   * NO_EV without an EV.
   */
  public @Nullable Refusal evWantsEnergy(int evse, boolean wants) {
    boolean[] done = new boolean[1];
    runtime.call(() -> done[0] = hardware.evWantsEnergy(evse, wants));
    return done[0] ? null : Refusal.NO_EV;
  }

  /**
   * A local system (the site's EMS, not the CSMS) gives new values to the one period of Dynamic
   * profile {@code profileId} (2.1 K29): applied like a CSMS's update, so they are capped by the
   * station's limits and count as the profile's last update for its fallback (K29.FR.07/08).
   */
  public io.kilowire.core.smartcharging.DynamicUpdate.Outcome updateDynamicSchedule(
      int profileId, io.kilowire.core.smartcharging.DynamicUpdate update) {
    Object[] outcome = new Object[1];
    runtime.call(() -> outcome[0] = runtime.station().updateDynamicSchedule(profileId, update));
    return (io.kilowire.core.smartcharging.DynamicUpdate.Outcome) outcome[0];
  }

  /**
   * The site's local system gives EVSE {@code evse} its setpoint for the ExternalSetpoint mode,
   * amps per phase, negative to discharge; null withdraws it (see {@code
   * Station.externalSetpoint}).
   */
  public void externalSetpoint(int evse, @Nullable Double amps) {
    runtime.call(() -> runtime.station().externalSetpoint(evse, amps));
  }

  /**
   * The hardware reports a fault on {@code evse} (NONE clears it). {@code v16ErrorCode}: the OCPP
   * 1.6 ChargePointErrorCode the Faulted StatusNotification names when the core's fault causes have
   * no equivalent (they report OtherError); null for the core's own.
   */
  public void fault(int evse, FaultCode code, @Nullable String v16ErrorCode) {
    StationWire w = java.util.Objects.requireNonNull(wire);
    runtime.call(
        () -> {
          w.errorCode(evse, code == FaultCode.NONE ? null : v16ErrorCode);
          runtime.station().fault(evse, code);
        });
  }

  /** Reads the station on its thread: a consistent picture while it runs. */
  public <T> T read(java.util.function.Supplier<T> reader) {
    java.util.concurrent.atomic.AtomicReference<T> out =
        new java.util.concurrent.atomic.AtomicReference<>();
    runtime.call(() -> out.set(reader.get()));
    return out.get();
  }

  /**
   * No EV comes or goes by itself ({@code --ev-mode none}): EVs plug in only when an operator says
   * so, yet they behave as {@code behaviour} says (ISO 15118 or not). Called after {@link #start},
   * the EVs there finish their sessions and no other comes.
   */
  public void noRandomEvs() {
    randomEvs = false;
  }

  /**
   * The station starts with an expired certificate ({@code --expired-certificate}), as {@link
   * #expireCertificate} gives it. Call before {@link #start}.
   */
  public void expiredCertificateAtStart() {
    expiredAtStart = true;
  }

  /** The number of EVSEs (1.6: connectors). */
  public int evseCount() {
    return evses;
  }

  @Override
  public void close() {
    closing = true;
    runtime.close();
    closeTraces();
  }

  /**
   * As {@link #close()}, without holding the caller's thread (see {@link
   * StationRuntime#closeAsync()}): a fleet on shared threads stops all at once. Real time only.
   */
  public CompletableFuture<Void> closeAsync() {
    closing = true;
    return runtime.closeAsync().whenComplete((ignored, error) -> closeTraces());
  }

  private void closeTraces() {
    if (pilotTrace != null) {
      pilotTrace.close();
    }
    if (trace != null) {
      trace.close();
    }
  }
}
