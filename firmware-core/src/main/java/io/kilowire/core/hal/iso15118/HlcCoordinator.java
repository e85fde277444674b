package io.kilowire.core.hal.iso15118;

import io.kilowire.core.hal.Iso15118Link;
import io.kilowire.core.hal.Iso15118Link.CertificateBackend;
import io.kilowire.core.hal.Iso15118Link.ContractCertificateAnswer;
import io.kilowire.core.hal.Iso15118Link.ContractCertificateRequest;
import io.kilowire.core.hal.Iso15118Link.EvChargingNeeds;
import io.kilowire.core.hal.Iso15118Link.HlcLimits;
import io.kilowire.core.hal.Iso15118Link.OcspQuery;
import io.kilowire.core.hal.Iso15118Link.OcspStatus;
import io.kilowire.core.hal.PilotController;
import io.kilowire.core.hal.PilotFault;
import io.kilowire.core.hal.PilotOutput;
import io.kilowire.core.hal.PilotSignal;
import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.scheduling.TaskScheduler.Cancellable;
import io.kilowire.core.station.ChargingNeeds;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import org.jspecify.annotations.Nullable;

/**
 * Connects a station's {@link Iso15118Link} to its {@link PilotController}s (SPEC-FACTS E.4, F).
 * When the EV on an EVSE starts high-level communication the controller switches the pilot to 5 %
 * and hands its effective limit to {@link PilotOutput#hlcLimit}; this class turns that limit into
 * {@link HlcLimits} for the EV, leased: each offer is valid for {@link Config#lease()} and renewed
 * every half lease, and a changed limit is offered at once (the link's stack then renegotiates,
 * K16.FR.02). Offers are never above the limit: amps and watts are rounded down to what ISO 15118
 * can carry ({@link PhysicalValue#limit}), and an offer below the EV's minimum current is 0. The
 * EV's charging needs go to a {@link NeedsListener} (the station, which tells the CSMS).
 *
 * <p>Both ways (ISO 15118-20 bidirectional power transfer, BPT): on an EVSE whose power electronics
 * can feed back ({@link Config#bidirectional()}), where BPT is offered when the session starts
 * ({@link #bptOffered}, a 2.1 station's V2XChargingCtrlr.Enabled) and an EV that chose BPT ({@link
 * EvChargingNeeds#bidirectional()}), the station's discharge limit and setpoint ({@link
 * #dischargeLimit}) go out with the charging limit, the discharge capped by the EV's own maximum
 * and the setpoint held inside [discharge, charge]. Anywhere else nothing is discharged and a
 * setpoint never goes below 0.
 *
 * <p>Pure: timers come from the injected scheduler. Not thread-safe; call it on the station's
 * thread. Wiring: build it, wrap each EVSE's pilot output with {@link #output}, then {@link
 * #attach()}.
 */
public final class HlcCoordinator implements Iso15118Link.Listener {

  /**
   * @param nominalVoltage volts per phase, for amps to watts
   * @param lease how long an offer holds unless renewed; renewed every half lease
   */
  public record Config(double nominalVoltage, Duration lease, boolean bidirectional) {
    /** An EVSE that charges only. */
    public Config(double nominalVoltage, Duration lease) {
      this(nominalVoltage, lease, false);
    }

    /** The same, on power electronics that can (true) or cannot feed energy back. */
    public Config bidirectional(boolean canFeedBack) {
      return new Config(nominalVoltage, lease, canFeedBack);
    }

    public Config {
      if (nominalVoltage <= 0 || lease.isNegative() || lease.isZero()) {
        throw new IllegalArgumentException("voltage and lease must be positive");
      }
    }

    /** 230 V, a 10 s lease. */
    public static Config defaults() {
      return new Config(230, Duration.ofSeconds(10));
    }
  }

  /** Receives what an EV asked for, in the station's terms. */
  @FunctionalInterface
  public interface NeedsListener {
    void chargingNeeds(int evse, ChargingNeeds needs);
  }

  /** One EVSE's HLC state. */
  private static final class Session {
    boolean active;
    double limitA;
    // The station's discharge limit (per phase, >= 0) and setpoint (per phase, negative
    // discharges).
    double dischargeA;
    @Nullable Double setpointA;
    // The station's reactive target, amps per phase, positive inductive; null: none.
    @Nullable Double reactiveA;
    @Nullable EvChargingNeeds needs;
    // The session's service was negotiated with BPT (set at the EV's first needs, kept to its end).
    boolean bpt;
    @Nullable HlcLimits offered;
    @Nullable Cancellable renewal;
  }

  private final Iso15118Link link;
  private final TaskScheduler scheduler;
  private final Config config;
  private final IntFunction<PilotController> pilots;
  private final NeedsListener needs;
  private final Map<Integer, Session> sessions = new HashMap<>();
  private @Nullable CertificateBackend certificates;
  // The EVSEs on which BPT is offered to an EV now (2.1 V2XChargingCtrlr.Enabled); all by default.
  private IntPredicate bptOffered = evse -> true;

  /**
   * @param pilots the controller of each EVSE (looked up on use, so the controllers may be built
   *     after this, around {@link #output})
   */
  public HlcCoordinator(
      Iso15118Link link,
      TaskScheduler scheduler,
      Config config,
      IntFunction<PilotController> pilots,
      NeedsListener needs) {
    this.link = link;
    this.scheduler = scheduler;
    this.config = config;
    this.pilots = pilots;
    this.needs = needs;
  }

  /**
   * Where the EV's contract certificate requests and the stack's OCSP queries go; without one they
   * fail at once, so the EV gets FAILED rather than a timeout.
   */
  public HlcCoordinator certificates(CertificateBackend backend) {
    this.certificates = backend;
    return this;
  }

  /**
   * On which EVSEs BPT is offered when a session negotiates its service ({@code offered} is asked
   * at the EV's first charging needs of each session); elsewhere the EV charges only for that
   * session, whatever it asked for. By default on every EVSE whose power electronics can feed back.
   */
  public HlcCoordinator bptOffered(IntPredicate offered) {
    this.bptOffered = offered;
    return this;
  }

  /** Registers with the link; from now on the EV's messages arrive here. */
  public HlcCoordinator attach() {
    link.setListener(this);
    return this;
  }

  /**
   * The pilot output for {@code evse}'s controller: {@link PilotOutput#hlcLimit} is offered to the
   * EV here, everything else goes to {@code board}.
   */
  public PilotOutput output(int evse, PilotOutput board) {
    return new PilotOutput() {
      @Override
      public void pilot(PilotSignal signal) {
        board.pilot(signal);
      }

      @Override
      public void contactor(boolean closed) {
        board.contactor(closed);
      }

      @Override
      public void phases(int count) {
        board.phases(count);
      }

      @Override
      public void hlcLimit(double amps) {
        board.hlcLimit(amps);
        limit(evse, amps);
      }

      @Override
      public void fault(PilotFault fault) {
        board.fault(fault);
      }
    };
  }

  // ---------------------------------------------------------------- the EV's side

  @Override
  public void sessionActive(int evse, boolean active) {
    Session s = session(evse);
    if (s.active == active) {
      return;
    }
    s.active = active;
    if (!active) {
      cancelRenewal(s);
      s.offered = null;
      s.needs = null;
      s.bpt = false;
    }
    // On: 5 % on the pilot, and the controller hands over its limit (-> limit -> first offer).
    pilots.apply(evse).setHlcActive(active);
  }

  @Override
  public CompletableFuture<ContractCertificateAnswer> contractCertificate(
      int evse, ContractCertificateRequest request) {
    CertificateBackend backend = certificates;
    return backend == null
        ? Iso15118Link.Listener.super.contractCertificate(evse, request)
        : backend.contractCertificate(request);
  }

  @Override
  public CompletableFuture<OcspStatus> certificateStatus(int evse, OcspQuery query) {
    CertificateBackend backend = certificates;
    return backend == null
        ? Iso15118Link.Listener.super.certificateStatus(evse, query)
        : backend.certificateStatus(query);
  }

  @Override
  public void chargingNeeds(int evse, EvChargingNeeds ev) {
    Session s = session(evse);
    if (s.needs == null) {
      // The service is chosen once per session: BPT only where the power electronics can feed
      // back and BPT is offered now; the station does not renegotiate the service later.
      s.bpt = config.bidirectional() && bptOffered.test(evse);
    }
    s.needs = ev;
    int phases = pilots.apply(evse).phases();
    // The EV feeds back only where BPT was negotiated; elsewhere it is a charging EV.
    boolean feedsBack = s.bpt && ev.bidirectional();
    Double dischargeW = null;
    if (feedsBack) {
      Double told = ev.maxDischargePowerW();
      dischargeW =
          told != null
              ? told
              : watts(java.util.Objects.requireNonNull(ev.maxDischargeCurrentA()), phases);
    }
    needs.chargingNeeds(
        evse,
        new ChargingNeeds(
            ev.energyRequestWh(),
            ev.minCurrentA(),
            ev.maxCurrentA(),
            config.nominalVoltage(),
            phases,
            ev.departureTime(),
            ev.minEnergyRequestWh(),
            ev.maxEnergyRequestWh(),
            ev.targetSocPercent(),
            dischargeW,
            feedsBack ? ev.minV2xEnergyRequestWh() : null,
            ev.controlMode(),
            feedsBack ? ev.maxV2xEnergyRequestWh() : null,
            feedsBack ? ev.energyOffer() : null));
    if (s.active) {
      offer(evse, s); // the EV's minimum may change what it can be offered
    }
  }

  // ---------------------------------------------------------------- limits

  /** The EVSE's limit while HLC is active, per phase, as the pilot controller passes it on. */
  void limit(int evse, double amps) {
    Session s = session(evse);
    s.limitA = amps;
    if (s.active) {
      offer(evse, s);
    }
  }

  /**
   * The station's discharge limit for {@code evse} (amps per phase, at or above 0) and setpoint
   * (amps per phase, negative to discharge; null: none), offered with the charging limit whenever
   * the EV can take them ({@link #canDischarge}).
   */
  public void dischargeLimit(int evse, double amps, @Nullable Double setpointA) {
    if (!(amps >= 0)) {
      throw new IllegalArgumentException("a discharge limit is a magnitude, >= 0: " + amps);
    }
    Session s = session(evse);
    if (s.dischargeA == amps && java.util.Objects.equals(s.setpointA, setpointA)) {
      return;
    }
    s.dischargeA = amps;
    s.setpointA = setpointA;
    if (s.active) {
      offer(evse, s);
    }
  }

  /**
   * The station's reactive target for {@code evse} (amps per phase, positive inductive, negative
   * capacitive; null: none), offered to an EV in a BPT session as EVSETargetReactivePower; an EV
   * that charges only is offered none.
   */
  public void reactiveTarget(int evse, @Nullable Double amps) {
    Session s = session(evse);
    if (java.util.Objects.equals(s.reactiveA, amps)) {
      return;
    }
    s.reactiveA = amps;
    if (s.active) {
      offer(evse, s);
    }
  }

  /** Whether the EVSEs' power electronics can feed energy back at all. */
  public boolean bidirectional() {
    return config.bidirectional();
  }

  /**
   * Whether {@code evse} can discharge now: an EV in a session negotiated with ISO 15118-20 BPT
   * (bidirectional power electronics, BPT offered, and the EV chose it).
   */
  public boolean canDischarge(int evse) {
    Session s = sessions.get(evse);
    EvChargingNeeds ev = s == null ? null : s.needs;
    return s != null && s.bpt && s.active && ev != null && ev.bidirectional();
  }

  /** The limits last offered to the EV on {@code evse}, if a session is active. */
  public @Nullable HlcLimits offered(int evse) {
    Session s = sessions.get(evse);
    return s == null ? null : s.offered;
  }

  private void offer(int evse, Session s) {
    cancelRenewal(s);
    double amps = amps(s);
    int phases = pilots.apply(evse).phases();
    double watts = watts(amps, phases);
    double discharge = 0;
    if (canDischarge(evse)) {
      EvChargingNeeds ev = java.util.Objects.requireNonNull(s.needs);
      discharge =
          roundedDown(
              Math.min(s.dischargeA, java.util.Objects.requireNonNull(ev.maxDischargeCurrentA())));
    }
    double dischargeWatts = watts(discharge, phases);
    Double target = null;
    Double setpoint = s.setpointA;
    if (setpoint != null) {
      // Inside [discharge, charge]; the watts rounded toward 0 so they stay inside the limits too.
      double held = Math.max(-discharge, Math.min(amps, setpoint));
      target = held >= 0 ? watts(held, phases) : -watts(-held, phases);
    }
    Instant now = scheduler.now();
    Double reactive = s.reactiveA;
    Double reactiveVar = null;
    if (reactive != null && canDischarge(evse)) {
      // Reactive power is exchanged by the EV's own power electronics: only in a BPT session.
      reactiveVar = reactive >= 0 ? watts(reactive, phases) : -watts(-reactive, phases);
    }
    HlcLimits limits =
        new HlcLimits(
            amps, watts, now.plus(config.lease()), discharge, dischargeWatts, target, reactiveVar);
    s.offered = limits;
    link.offerLimits(evse, limits);
    s.renewal = scheduler.schedule(config.lease().dividedBy(2), () -> renew(evse, s));
  }

  private void renew(int evse, Session s) {
    s.renewal = null;
    if (s.active && sessions.get(evse) == s) {
      offer(evse, s);
    }
  }

  /** Total watts of {@code amps} per phase, as ISO 15118 carries them, rounded down. */
  private double watts(double amps, int phases) {
    return PhysicalValue.limit(
            BigDecimal.valueOf(amps)
                .multiply(BigDecimal.valueOf(config.nominalVoltage()))
                .multiply(BigDecimal.valueOf(phases)),
            PhysicalUnit.WATTS)
        .quantity()
        .doubleValue();
  }

  /** Amps as ISO 15118 carries them, rounded down. */
  private static double roundedDown(double amps) {
    return PhysicalValue.limit(BigDecimal.valueOf(Math.max(0, amps)), PhysicalUnit.AMPERES)
        .quantity()
        .doubleValue();
  }

  /** The limit as ISO 15118 carries it, rounded down; 0 when it is below the EV's minimum. */
  private static double amps(Session s) {
    double amps = roundedDown(s.limitA);
    EvChargingNeeds ev = s.needs;
    return ev != null && amps < ev.minCurrentA() ? 0 : amps;
  }

  private Session session(int evse) {
    return sessions.computeIfAbsent(evse, e -> new Session());
  }

  private static void cancelRenewal(Session s) {
    Cancellable r = s.renewal;
    if (r != null) {
      r.cancel();
      s.renewal = null;
    }
  }
}
