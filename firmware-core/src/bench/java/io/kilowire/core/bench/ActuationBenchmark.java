package io.kilowire.core.bench;

import io.kilowire.core.hal.PilotConfig;
import io.kilowire.core.hal.PilotController;
import io.kilowire.core.hal.PilotOutput;
import io.kilowire.core.hal.PilotSignal;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.json.JsonFrameCodec;
import io.kilowire.core.ocpp.model.Role;
import io.kilowire.core.ocpp.rpc.RpcSession;
import io.kilowire.core.ocpp.v201.adapter.V201Gateway;
import io.kilowire.core.ocpp.v201.adapter.V201StationHandlers;
import io.kilowire.core.hal.CpState;
import io.kilowire.core.scheduling.VirtualScheduler;
import io.kilowire.core.metering.MeterReading;
import io.kilowire.core.station.SessionHolder;
import io.kilowire.core.station.Station;
import io.kilowire.core.station.StationHardware;
import io.kilowire.core.station.StationIdentity;
import io.kilowire.core.station.StationParameters;
import io.kilowire.core.store.MemoryRecordLog;
import io.kilowire.core.store.MemorySnapshotStore;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SetChargingProfile received → pilot duty written, in process: the CALL text enters the RPC
 * session; decoding, validation, installation (with its persistence), the effective limit, the
 * pilot controller and the pilot write all happen before {@code onFrame} returns. Each frame
 * alternates the limit (10 A / 12 A) so every one changes the duty; raises are not rate-limited
 * here, to measure the path rather than the policy.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ActuationBenchmark {
  private static final int DISTINCT_IDS = 4096;

  private RpcSession session;
  private String[] frames;
  private int next;
  private long written;

  @Setup
  public void setUp() {
    VirtualScheduler clock = new VirtualScheduler(Instant.parse("2026-06-01T10:00:00Z"));
    PilotOutput output =
        new PilotOutput() {
          @Override
          public void pilot(PilotSignal signal) {
            written++;
          }

          @Override
          public void contactor(boolean closed) {}
        };
    PilotController pilot =
        new PilotController(
            PilotConfig.builder().raiseInterval(Duration.ZERO).build(), clock, output);
    pilot.onCpState(CpState.C);
    StationHardware hardware =
        new StationHardware() {
          @Override
          public MeterReading read(int evse) {
            return MeterReading.idle(clock.now(), 0, 230);
          }

          @Override
          public void offerEnergy(int evse, boolean on) {}

          @Override
          public void offerCurrent(int evse, double amps) {
            pilot.setLimit(amps);
          }

          @Override
          public boolean unlock(int evse) {
            return true;
          }
        };
    SessionHolder holder = new SessionHolder();
    JsonFrameCodec codec = new JsonFrameCodec();
    Station station =
        new Station(
            1,
            StationParameters.Fixed.defaults(),
            hardware,
            clock,
            new MemorySnapshotStore(),
            new MemoryRecordLog(),
            new V201Gateway(holder, codec, new StationIdentity("K", "M", null, null)),
            () -> "tx-1",
            new Station.Observer() {});
    station.start();
    session =
        new RpcSession(
            RpcSession.Config.of("bench", OcppVersion.V201, Role.STATION), codec, f -> {}, clock);
    V201StationHandlers.register(session, station);
    session.connected();
    frames = new String[DISTINCT_IDS];
    for (int i = 0; i < DISTINCT_IDS; i++) {
      String limit = i % 2 == 0 ? "10.0" : "12.0";
      frames[i] =
          "[2,\"scp-"
              + i
              + "\",\"SetChargingProfile\",{\"evseId\":0,\"chargingProfile\":{\"id\":1,\"stackLevel\":0,"
              + "\"chargingProfilePurpose\":\"TxDefaultProfile\",\"chargingProfileKind\":\"Absolute\","
              + "\"chargingSchedule\":[{\"id\":1,\"startSchedule\":\"2026-01-01T00:00:00Z\","
              + "\"chargingRateUnit\":\"A\",\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":"
              + limit
              + "}]}]}}]";
    }
  }

  @Benchmark
  public long setChargingProfileToPilotDuty() {
    long before = written;
    session.onFrame(frames[next]);
    next = (next + 1) % DISTINCT_IDS;
    if (written == before) {
      throw new IllegalStateException("the pilot was not written");
    }
    return written;
  }
}
