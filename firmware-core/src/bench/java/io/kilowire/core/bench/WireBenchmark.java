package io.kilowire.core.bench;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.json.JsonFrameCodec;
import io.kilowire.core.ocpp.model.Role;
import io.kilowire.core.ocpp.rpc.Frame;
import io.kilowire.core.ocpp.rpc.RpcSession;
import io.kilowire.core.ocpp.v16.MeterValuesRequest;
import io.kilowire.core.ocpp.v16.MeterValuesResponse;
import io.kilowire.core.ocpp.v201.ChargingState;
import io.kilowire.core.ocpp.v201.EVSE;
import io.kilowire.core.ocpp.v201.Measurand;
import io.kilowire.core.ocpp.v201.MeterValue;
import io.kilowire.core.ocpp.v201.Phase;
import io.kilowire.core.ocpp.v201.SampledValue;
import io.kilowire.core.ocpp.v201.Transaction;
import io.kilowire.core.ocpp.v201.TransactionEvent;
import io.kilowire.core.ocpp.v201.TransactionEventRequest;
import io.kilowire.core.ocpp.v201.TriggerReason;
import io.kilowire.core.ocpp.v201.UnitOfMeasure;
import io.kilowire.core.scheduling.VirtualScheduler;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The wire hot paths: a MeterValues CALL decoded, validated, dispatched and answered; a
 * TransactionEvent request encoded to frame text. Run: see docs/PERFORMANCE.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class WireBenchmark {
  private static final int DISTINCT_IDS = 4096;

  private RpcSession csms;
  private String[] meterValuesFrames;
  private int next;
  private Blackhole sink;
  private JsonFrameCodec codec;
  private TransactionEventRequest transactionEvent;

  @Setup
  public void setUp(Blackhole blackhole) {
    sink = blackhole;
    codec = new JsonFrameCodec();
    csms =
        new RpcSession(
            RpcSession.Config.of("bench", OcppVersion.V16, Role.CSMS),
            codec,
            frame -> sink.consume(frame),
            new VirtualScheduler(Instant.EPOCH));
    csms.handle(MeterValuesRequest.class, req -> new MeterValuesResponse());
    csms.connected();
    // A typical periodic sample: energy, power, and current and voltage on three phases.
    String payload =
        "{\"connectorId\":1,\"transactionId\":4711,\"meterValue\":[{\"timestamp\":\"2026-11-23T10:00:00Z\","
            + "\"sampledValue\":["
            + "{\"value\":\"123456.7\",\"context\":\"Sample.Periodic\",\"measurand\":\"Energy.Active.Import.Register\",\"unit\":\"Wh\"},"
            + "{\"value\":\"11040\",\"context\":\"Sample.Periodic\",\"measurand\":\"Power.Active.Import\",\"unit\":\"W\"},"
            + "{\"value\":\"16.0\",\"measurand\":\"Current.Import\",\"phase\":\"L1\",\"unit\":\"A\"},"
            + "{\"value\":\"16.0\",\"measurand\":\"Current.Import\",\"phase\":\"L2\",\"unit\":\"A\"},"
            + "{\"value\":\"16.0\",\"measurand\":\"Current.Import\",\"phase\":\"L3\",\"unit\":\"A\"},"
            + "{\"value\":\"230.1\",\"measurand\":\"Voltage\",\"phase\":\"L1-N\",\"unit\":\"V\"},"
            + "{\"value\":\"229.8\",\"measurand\":\"Voltage\",\"phase\":\"L2-N\",\"unit\":\"V\"},"
            + "{\"value\":\"230.4\",\"measurand\":\"Voltage\",\"phase\":\"L3-N\",\"unit\":\"V\"}]}]}";
    meterValuesFrames = new String[DISTINCT_IDS];
    for (int i = 0; i < DISTINCT_IDS; i++) {
      meterValuesFrames[i] = "[2,\"mv-" + i + "\",\"MeterValues\"," + payload + "]";
    }
    List<SampledValue> samples =
        List.of(
            sample("123456.7", Measurand.ENERGY_ACTIVE_IMPORT_REGISTER, null, "Wh"),
            sample("11040", Measurand.POWER_ACTIVE_IMPORT, null, "W"),
            sample("16.0", Measurand.CURRENT_IMPORT, Phase.L1, "A"),
            sample("16.0", Measurand.CURRENT_IMPORT, Phase.L2, "A"),
            sample("16.0", Measurand.CURRENT_IMPORT, Phase.L3, "A"));
    transactionEvent =
        new TransactionEventRequest(
            null,
            TransactionEvent.UPDATED,
            List.of(new MeterValue(null, samples, Instant.parse("2026-11-23T10:00:00Z"))),
            Instant.parse("2026-11-23T10:00:00Z"),
            TriggerReason.METER_VALUE_PERIODIC,
            17,
            null,
            3,
            null,
            null,
            new Transaction(null, "tx-0001", ChargingState.CHARGING, 3600, null, null),
            new EVSE(null, 1, 1),
            null);
  }

  private static SampledValue sample(String value, Measurand measurand, Phase phase, String unit) {
    return new SampledValue(
        null,
        new BigDecimal(value),
        null,
        measurand,
        phase,
        null,
        null,
        new UnitOfMeasure(null, unit, null));
  }

  /** Decode + validate + dispatch + encode the CALLRESULT of one MeterValues CALL. */
  @Benchmark
  public void meterValuesCallDecodedValidatedDispatched() {
    csms.onFrame(meterValuesFrames[next]);
    next = (next + 1) % DISTINCT_IDS;
  }

  /** Encode one TransactionEvent CALL frame from its record. */
  @Benchmark
  public String transactionEventEncoded() {
    return codec.encode(
        new Frame.Call("te-1", "TransactionEvent", codec.encodePayload(transactionEvent)));
  }
}
