package io.kilowire.emulator.station;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.loadmanagement.DemandResponse;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.scheduling.VirtualScheduler;
import io.kilowire.core.smartcharging.ChargingProfile;
import io.kilowire.core.smartcharging.ChargingSchedule;
import io.kilowire.core.smartcharging.ProfileKind;
import io.kilowire.core.smartcharging.ProfilePurpose;
import io.kilowire.core.smartcharging.RateUnit;
import io.kilowire.core.smartcharging.SchedulePeriod;
import io.kilowire.core.station.Station;
import io.kilowire.core.transport.InMemoryTransport;
import io.kilowire.core.transport.TransportConfig;
import io.kilowire.emulator.cli.Console;
import io.kilowire.emulator.sandbox.SandboxCsms;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A whole emulated station for a simulated day per seed, in virtual time: 1 to 8 EVSEs, a random
 * station maximum changing through the day (in A or in W, on one or three phases), external limits
 * in kW coming and going, random per-EVSE TxDefault profiles, EVs that arrive, follow the pilot
 * after up to 5 s, taper and leave. Checked at the outputs, not in the engine:
 *
 * <ul>
 *   <li>after every pilot change, what the pilots offer adds up to at most the station limit (amps
 *       as if every EV drew on one phase, watts on three phases: what the station may assume);
 *   <li>what the EVs draw adds up to more than the limit only within the 5 s an EV may take to
 *       follow, after an offer or the limit went down;
 *   <li>every EVSE with a vehicle is offered at least 6 A whenever the limit allows 6 A to each.
 * </ul>
 */
class StationLimitPropertyTest {
  private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
  private static final Duration DAY = Duration.ofDays(1);
  private static final double VOLTS = 230;
  private static final double HARDWARE_MAX_A = 32;
  private static final Duration RESPONSE_WINDOW = EvModel.MAX_RESPONSE_DELAY.plusMillis(1);

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void theOutputsOfTheWholeStationStayWithinItsLimitAndEveryVehicleGetsItsShare(long seed) {
    Random random = new Random(seed);
    OcppVersion version = seed % 2 == 0 ? OcppVersion.V201 : OcppVersion.V16;
    int evses = 1 + random.nextInt(8);
    Run run = new Run(version, evses, seed);
    try {
      run.start();
      StationMaximum max = StationMaximum.random(random);
      run.onStation(s -> assertThat(s.setChargingProfile(max.profile()).isAccepted()).isTrue());
      Checker checker = new Checker(run, max, evses);
      Map<Integer, Double> txDefaults = new TreeMap<>();
      for (int e = 1; e <= evses; e++) {
        if (random.nextInt(3) == 0) {
          double amps = Math.round(random.nextDouble() * 32 * 10) / 10.0;
          txDefaults.put(e, amps);
          ChargingProfile p = evseTxDefault(e, amps);
          run.onStation(s -> assertThat(s.setChargingProfile(p).isAccepted()).isTrue());
        }
      }
      checker.txDefaults = txDefaults;
      externalLimits(random, run, checker);
      for (int e = 1; e <= evses; e++) {
        arrivals(random, run, e);
      }
      checker.scheduleShareChecks();
      run.clock.runUntil(START.plus(DAY));

      String context = "seed " + seed + ", " + version + ", " + evses + " EVSEs, " + max;
      assertThat(checker.offerViolations).as(context).isEmpty();
      assertThat(checker.drawViolations).as(context).isEmpty();
      assertThat(checker.shareViolations).as(context).isEmpty();
      assertThat(checker.pilotChanges).as("pilot changes, " + context).isGreaterThan(10);
      assertThat(checker.bindingChecks).as("checks where the limit bound, " + context).isPositive();
      assertThat(run.energyWh()).as("energy delivered, " + context).isGreaterThan(1000);
    } finally {
      run.close();
    }
  }

  /** A station maximum over the day: a new limit every 1 to 3 hours. */
  private record StationMaximum(RateUnit unit, TreeMap<Long, double[]> periods) {
    static StationMaximum random(Random random) {
      RateUnit unit = random.nextBoolean() ? RateUnit.A : RateUnit.W;
      TreeMap<Long, double[]> periods = new TreeMap<>();
      for (long t = 0; t < DAY.getSeconds(); t += 3600 + random.nextInt(2 * 3600)) {
        double value =
            unit == RateUnit.A
                ? Math.round(random.nextDouble() * 70 * 10) / 10.0
                : Math.round(random.nextDouble() * 45_000);
        periods.put(t, new double[] {value, random.nextBoolean() ? 3 : 1});
      }
      return new StationMaximum(unit, periods);
    }

    double at(Instant t) {
      long offset = Duration.between(START, t).getSeconds();
      return periods.floorEntry(Math.max(0, offset)).getValue()[0];
    }

    /** Whether the limit goes down at exactly {@code t}. */
    boolean wentDownAt(Instant t) {
      long offset = Duration.between(START, t).getSeconds();
      Map.Entry<Long, double[]> now = periods.floorEntry(offset);
      Map.Entry<Long, double[]> before = periods.lowerEntry(now.getKey());
      return before != null && now.getKey() == offset && now.getValue()[0] < before.getValue()[0];
    }

    ChargingProfile profile() {
      List<SchedulePeriod> list = new ArrayList<>();
      periods.forEach(
          (t, v) ->
              list.add(
                  SchedulePeriod.of(
                      t.intValue(), BigDecimal.valueOf(v[0]), (int) Math.round(v[1]))));
      return ChargingProfile.builder(1, ProfilePurpose.CHARGING_STATION_MAX)
          .kind(ProfileKind.ABSOLUTE)
          .evseId(0)
          .schedule(new ChargingSchedule(1, START, null, unit, list, null))
          .build();
    }

    @Override
    public String toString() {
      return "station maximum in " + unit + " " + periods.values().stream().map(v -> v[0]).toList();
    }
  }

  private static ChargingProfile evseTxDefault(int evse, double amps) {
    return ChargingProfile.builder(100 + evse, ProfilePurpose.TX_DEFAULT)
        .stackLevel(1)
        .kind(ProfileKind.ABSOLUTE)
        .evseId(evse)
        .schedule(
            new ChargingSchedule(
                1,
                START.minusSeconds(60),
                null,
                RateUnit.A,
                List.of(SchedulePeriod.of(0, BigDecimal.valueOf(amps))),
                null))
        .build();
  }

  /** External limits (an EMS asking for at most some kW) come and go through the day. */
  private static void externalLimits(Random random, Run run, Checker checker) {
    for (Instant t = START.plusSeconds(random.nextInt(7200));
        t.isBefore(START.plus(DAY));
        t = t.plusSeconds(1800 + random.nextInt(4 * 3600))) {
      double kw = Math.round(random.nextDouble() * 40 * 10) / 10.0;
      Instant until = t.plusSeconds(600 + random.nextInt(3 * 3600));
      DemandResponse limit = new DemandResponse(kw, until, random.nextBoolean() ? "EMS" : "SO");
      run.clock.schedule(
          Duration.between(START, t),
          () -> {
            checker.external(limit);
            run.station.externalLimit(limit);
          });
    }
  }

  /** EVs come and go on {@code evse} all day. */
  private static void arrivals(Random random, Run run, int evse) {
    Instant t = START.plusSeconds(random.nextInt(1800));
    while (t.isBefore(START.plus(DAY))) {
      double maxA = 6 + random.nextInt(27);
      EvModel ev =
          new EvModel(
              (10 + random.nextInt(70)) * 1000.0,
              80 + random.nextInt(21),
              maxA,
              random.nextBoolean() ? 3 : 1,
              Duration.ofMillis(random.nextInt(5001)),
              60 + random.nextInt(36),
              Math.min(maxA, 1 + random.nextInt(4)));
      double soc = 10 + random.nextInt(70);
      Instant leaves = t.plusSeconds(20 * 60 + random.nextInt(4 * 3600));
      run.clock.schedule(Duration.between(START, t), () -> run.station.arriveEv(evse, ev, soc));
      run.clock.schedule(Duration.between(START, leaves), () -> run.station.departEv(evse));
      t = leaves.plusSeconds(60 + random.nextInt(3600));
    }
  }

  /** Watches the outputs of every EVSE against the limits in force. */
  private static final class Checker {
    final Run run;
    final StationMaximum max;
    final double[] offered;
    final double[] pilot;
    final double[] draw;
    final List<String> offerViolations = new ArrayList<>();
    final List<String> drawViolations = new ArrayList<>();
    final List<String> shareViolations = new ArrayList<>();
    Map<Integer, Double> txDefaults = Map.of();
    @Nullable DemandResponse external;
    Instant lastDecrease = START;
    @Nullable Instant checkScheduledFor;
    int pilotChanges;
    int bindingChecks;

    Checker(Run run, StationMaximum max, int evses) {
      this.run = run;
      this.max = max;
      this.offered = new double[evses + 1];
      this.pilot = new double[evses + 1];
      this.draw = new double[evses + 1];
      run.station.hardware().onOutput(this::changed);
    }

    void external(DemandResponse limit) {
      Double before = externalWatts(run.clock.now());
      if (before == null || limit.limitKw() * 1000 < before) {
        lastDecrease = run.clock.now();
      }
      external = limit;
    }

    @Nullable Double externalWatts(Instant t) {
      DemandResponse e = external;
      return e == null || !t.isBefore(e.until()) ? null : e.limitKw() * 1000;
    }

    /**
     * An increase must fit at once; a decrease cannot make things worse, and when a limit went down
     * the station takes it back EVSE by EVSE, so the sum is checked again once everything at this
     * instant has happened.
     */
    void changed(Instant at, int evse, double offeredA, double pilotA, double drawA) {
      if (pilotA < pilot[evse] || max.wentDownAt(at)) {
        lastDecrease = at;
      }
      boolean increase = pilotA > pilot[evse];
      if (pilotA != pilot[evse]) {
        pilotChanges++;
      }
      offered[evse] = offeredA;
      pilot[evse] = pilotA;
      draw[evse] = drawA;
      if (increase) {
        checkOffers(at, "EVSE " + evse + " raised");
      }
      if (!at.equals(checkScheduledFor)) {
        checkScheduledFor = at;
        run.clock.schedule(
            Duration.ZERO,
            () -> {
              checkOffers(at, "after EVSE " + evse);
              checkDraws(at, evse);
            });
      }
    }

    private void checkOffers(Instant at, String when) {
      double limit = max.at(at);
      Double ext = externalWatts(at);
      double pilotSum = 0;
      for (int e = 1; e < pilot.length; e++) {
        pilotSum += pilot[e];
      }
      double pilotWatts = pilotSum * 3 * VOLTS;
      boolean over = max.unit() == RateUnit.A ? pilotSum > limit + 1e-6 : pilotWatts > limit + 1e-3;
      if (over || (ext != null && pilotWatts > ext + 1e-3)) {
        offerViolations.add(
            at + " " + when + ": pilots offer " + pilotSum + " A, limit " + limit + ", " + ext);
      }
    }

    private void checkDraws(Instant at, int evse) {
      double limit = max.at(at);
      Double ext = externalWatts(at);
      double drawSum = 0;
      double drawWatts = 0;
      for (int e = 1; e < draw.length; e++) {
        drawSum += draw[e];
        EvModel ev = run.station.hardware().ev(e);
        drawWatts += draw[e] * VOLTS * (ev == null ? 3 : ev.phases());
      }
      boolean over = max.unit() == RateUnit.A ? drawSum > limit + 1e-6 : drawWatts > limit + 1e-3;
      if ((over || (ext != null && drawWatts > ext + 1e-3))
          && at.isAfter(lastDecrease.plus(RESPONSE_WINDOW))) {
        drawViolations.add(
            at
                + " after EVSE "
                + evse
                + ": EVs draw "
                + drawSum
                + " A / "
                + drawWatts
                + " W, limit "
                + limit
                + ", "
                + ext
                + ", last decrease "
                + lastDecrease);
      }
    }

    /** Every minute, half a second off the whole seconds at which things happen. */
    void scheduleShareChecks() {
      for (long s = 60; s < DAY.getSeconds(); s += 60) {
        run.clock.schedule(Duration.ofSeconds(s).plusMillis(500), this::checkShares);
      }
    }

    private void checkShares() {
      Instant now = run.clock.now();
      Station station = run.station.station();
      List<Integer> eligible = new ArrayList<>();
      double capsSum = 0;
      for (int e = 1; e < pilot.length; e++) {
        boolean vehicle =
            station.transaction(e).isPresent() && run.station.hardware().ev(e) != null;
        double ownCap = Math.min(HARDWARE_MAX_A, txDefaults.getOrDefault(e, HARDWARE_MAX_A));
        if (vehicle && ownCap >= 6) {
          eligible.add(e);
          capsSum += ownCap;
        }
      }
      if (eligible.isEmpty()) {
        return;
      }
      double limit = max.at(now);
      Double ext = externalWatts(now);
      double needA = 6.0 * eligible.size();
      double needW = needA * 3 * VOLTS;
      if ((max.unit() == RateUnit.A ? limit : limit / (3 * VOLTS)) < capsSum) {
        bindingChecks++;
      }
      boolean allows =
          (max.unit() == RateUnit.A ? limit >= needA : limit >= needW)
              && (ext == null || ext >= needW);
      if (!allows) {
        return;
      }
      for (int e : eligible) {
        if (station.currentLimit(e) < 6) {
          shareViolations.add(
              now
                  + " EVSE "
                  + e
                  + " has "
                  + station.currentLimit(e)
                  + " A with "
                  + eligible.size()
                  + " vehicles, limit "
                  + limit
                  + " "
                  + ext);
        }
      }
    }
  }

  /** One emulated station on an in-memory link to a sandbox CSMS, all in virtual time. */
  private static final class Run {
    final VirtualScheduler clock = new VirtualScheduler(START);
    final SandboxCsms sandbox;
    final EmulatedStation station;

    Run(OcppVersion version, int evses, long seed) {
      Console console =
          new Console(new PrintStream(OutputStream.nullOutputStream()), clock.clock());
      sandbox =
          SandboxCsms.inMemory(console, new VirtualStationThread(clock), clock.clock(), false);
      String id = "KW-PROP-" + seed;
      InMemoryTransport.Link link =
          InMemoryTransport.pair(version, task -> clock.schedule(Duration.ofMillis(5), task));
      sandbox.accept(link.csms(), id, version);
      TransportConfig config =
          TransportConfig.builder()
              .csmsUrl(URI.create("ws://127.0.0.1/in-memory"))
              .stationId(id)
              .ocppVersions(version)
              .build();
      station =
          new EmulatedStation(
              config,
              evses,
              console,
              null,
              null,
              null,
              Duration.ofSeconds(300),
              null,
              false,
              seed,
              new EmulatedStation.Timebase(
                  clock.clock(), new VirtualStationThread(clock), t -> link.station()),
              EmulatedToken.Type.ISO14443);
    }

    void start() {
      station.start();
      clock.advance(Duration.ofSeconds(5));
    }

    void onStation(java.util.function.Consumer<Station> action) {
      station.runtime().call(() -> action.accept(station.station()));
    }

    double energyWh() {
      double wh = 0;
      for (int e = 1; e <= station.station().evseCount(); e++) {
        wh += station.hardware().read(e).energyWh();
      }
      return wh;
    }

    void close() {
      station.runtime().station().shutdown();
      clock.advance(Duration.ofSeconds(10));
      station.close();
      clock.advance(Duration.ofSeconds(5));
      sandbox.close();
    }
  }
}
