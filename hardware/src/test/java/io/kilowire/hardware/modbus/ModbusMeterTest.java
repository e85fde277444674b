package io.kilowire.hardware.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.hardware.testing.DevicePort;
import io.kilowire.hardware.testing.SettableClock;
import io.kilowire.hardware.testing.SocatPair;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ModbusMeter over a real PTY pair, the test playing an Eastron meter on unit 11. */
class ModbusMeterTest {
  private static final int UNIT = 11;
  private static final Instant T0 = Instant.parse("2026-11-23T04:00:00Z");

  @TempDir Path dir;
  private SocatPair socat;
  private DevicePort device;
  private FakeSdmMeter sdm;
  private ModbusRtuClient client;
  private final SettableClock now = new SettableClock(T0);
  private final Clock clock = now;

  @BeforeEach
  void setUp() throws Exception {
    socat = SocatPair.start(dir);
    device = new DevicePort(socat.deviceEnd(), 9600);
    sdm = new FakeSdmMeter(device, UNIT);
    client =
        ModbusRtuClient.open(
            ModbusRtuClient.Config.defaults(socat.driverEnd())
                .withTurnaround(Duration.ofMillis(250))
                .withRetries(1));
    // A three-phase car charging at about 16 A.
    float[] volts = {231.2f, 229.8f, 230.4f};
    float[] amps = {16.1f, 15.9f, 16.0f};
    sdm.load(volts, amps, 11_035f, 1234.5f);
  }

  @AfterEach
  void tearDown() {
    if (client != null) {
      client.close();
    }
    if (sdm != null) {
      sdm.close();
    }
    if (device != null) {
      device.close();
    }
    if (socat != null) {
      socat.close();
    }
  }

  private ModbusMeter meter(MeterRegisterMap map) {
    return new ModbusMeter(client, UNIT, map, MeterLimits.defaults(), clock);
  }

  @Test
  void sdm630HappyPath() {
    ModbusMeter m = meter(Sdm630.INSTANCE);
    MeterReadout r = m.poll();
    assertThat(r).isInstanceOf(MeterReadout.Sample.class);
    MeterSample s = ((MeterReadout.Sample) r).sample();
    assertThat(s.timestamp()).isEqualTo(T0);
    assertThat(s.phases()).isEqualTo(3);
    assertThat(s.voltagesV()).containsExactly(231.2f * 1.0, 229.8f * 1.0, 230.4f * 1.0);
    assertThat(s.currentsA().get(1)).isEqualTo(15.9f);
    assertThat(s.totalPowerW()).isEqualTo(11_035.0);
    // 1234.5 kWh on the meter.
    assertThat(s.importEnergyWh()).isEqualTo(1_234_500.0);
    assertThat(client.counters().transactions()).isEqualTo(3);
    assertThat(sdm.requests()).isEqualTo(3);
  }

  @Test
  void sdm120ReadsItsOwnMap() {
    ModbusMeter m = meter(Sdm120.INSTANCE);
    MeterSample s = ((MeterReadout.Sample) m.poll()).sample();
    assertThat(s.phases()).isEqualTo(1);
    assertThat(s.voltagesV()).containsExactly(231.2f * 1.0);
    assertThat(s.totalPowerW()).isEqualTo(s.powersW().get(0));
    assertThat(sdm.requests()).isEqualTo(4);
  }

  @Test
  void crcErrorIsRetriedAndCounted() {
    sdm.mode(FakeSdmMeter.Mode.CORRUPT_ONCE);
    MeterReadout r = meter(Sdm630.INSTANCE).poll();
    assertThat(r).isInstanceOf(MeterReadout.Sample.class);
    assertThat(client.counters().crcErrors()).isEqualTo(1);
  }

  @Test
  void garbageBeforeTheReplyIsAFaultNotAReading() {
    sdm.mode(FakeSdmMeter.Mode.GARBAGE_THEN_NORMAL);
    ModbusMeter m = meter(Sdm630.INSTANCE);
    // The stray bytes misalign the first reply (MALFORMED or CRC); the retry reads cleanly.
    assertThat(m.poll()).isInstanceOf(MeterReadout.Sample.class);
    ModbusCounters c = client.counters();
    assertThat(c.crcErrors() + c.malformed() + c.timeouts()).isEqualTo(1);
    assertThat(c.garbageBytes()).isPositive();
  }

  @Test
  void silenceBecomesATimeoutFaultAndTheSampleGoesStale() {
    ModbusMeter m = meter(Sdm630.INSTANCE);
    assertThat(m.poll()).isInstanceOf(MeterReadout.Sample.class);
    sdm.mode(FakeSdmMeter.Mode.SILENT);
    now.set(T0.plusSeconds(12));
    MeterReadout r = m.poll();
    assertThat(r).isInstanceOf(MeterReadout.Fault.class);
    MeterReadout.Fault f = (MeterReadout.Fault) r;
    assertThat(f.fault()).isEqualTo(MeterFault.TIMEOUT);
    assertThat(f.lastGood()).isNotNull();
    assertThat(f.at()).isEqualTo(T0.plusSeconds(12));
    assertThat(client.counters().timeouts()).isEqualTo(2);
    assertThat(m.isStale(Duration.ofSeconds(11))).isTrue();
    assertThat(m.faultCounts()).containsEntry(MeterFault.TIMEOUT, 1L);

    sdm.mode(FakeSdmMeter.Mode.NORMAL);
    assertThat(m.poll()).isInstanceOf(MeterReadout.Sample.class);
    assertThat(m.isStale(Duration.ofSeconds(11))).isFalse();
  }

  @Test
  void exceptionResponseIsNotRetried() {
    sdm.mode(FakeSdmMeter.Mode.ILLEGAL_ADDRESS);
    MeterReadout r = meter(Sdm630.INSTANCE).poll();
    assertThat(r)
        .isInstanceOfSatisfying(
            MeterReadout.Fault.class,
            f -> assertThat(f.fault()).isEqualTo(MeterFault.EXCEPTION_RESPONSE));
    assertThat(sdm.requests()).isEqualTo(1);
    assertThat(client.counters().exceptionResponses()).isEqualTo(1);
  }

  @Test
  void implausibleValuesAreFaults() {
    ModbusMeter m = meter(Sdm630.INSTANCE);
    assertThat(m.poll()).isInstanceOf(MeterReadout.Sample.class);

    sdm.setFloat(0x02, Float.NaN);
    assertFault(m, MeterFault.NOT_A_NUMBER);
    sdm.setFloat(0x02, 4_000f);
    assertFault(m, MeterFault.VOLTAGE_OUT_OF_RANGE);
    sdm.setFloat(0x02, 229.8f);

    sdm.setFloat(0x48, 1234.0f);
    assertFault(m, MeterFault.ENERGY_BACKWARDS);
    sdm.setFloat(0x48, -1f);
    assertFault(m, MeterFault.NEGATIVE_ENERGY);
    sdm.setFloat(0x48, Float.POSITIVE_INFINITY);
    assertFault(m, MeterFault.NOT_A_NUMBER);

    sdm.setFloat(0x48, 1234.6f);
    MeterReadout r = m.poll();
    assertThat(r).isInstanceOf(MeterReadout.Sample.class);
    assertThat(((MeterReadout.Sample) r).sample().importEnergyWh()).isEqualTo(1234.6f * 1000.0);
    assertThat(m.faultCounts()).hasSize(4);
  }

  @Test
  void lostPortIsAFaultNotAnException() {
    ModbusMeter m = meter(Sdm630.INSTANCE);
    socat.close();
    MeterReadout r = m.poll();
    assertThat(r).isInstanceOf(MeterReadout.Fault.class);
    assertThat(m.isStale(Duration.ofSeconds(11))).isTrue();
  }

  private static void assertFault(ModbusMeter m, MeterFault expected) {
    MeterReadout r = m.poll();
    assertThat(r)
        .isInstanceOfSatisfying(
            MeterReadout.Fault.class, f -> assertThat(f.fault()).isEqualTo(expected));
  }
}
