package io.kilowire.hardware.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kilowire.core.metering.BatteryReading;
import io.kilowire.core.metering.MeterReading;
import io.kilowire.core.metering.SiteReading;
import io.kilowire.hardware.modbus.FakeSdmMeter;
import io.kilowire.hardware.modbus.ModbusRtuClient;
import io.kilowire.hardware.modbus.Sdm120;
import io.kilowire.hardware.modbus.Sdm630;
import io.kilowire.hardware.testing.DevicePort;
import io.kilowire.hardware.testing.SettableClock;
import io.kilowire.hardware.testing.SocatPair;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Modbus meters as HAL ports, against a fake SDM630 on a real PTY pair. */
class ModbusMetersTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  @TempDir Path dir;
  private SocatPair socat;
  private DevicePort device;
  private FakeSdmMeter sdm;
  private ModbusBus bus;
  private final SettableClock now = new SettableClock(T0);
  private final Clock clock = now;

  @BeforeEach
  void setUp() throws Exception {
    socat = SocatPair.start(dir);
    device = new DevicePort(socat.deviceEnd(), 9600);
    sdm = new FakeSdmMeter(device, 11);
    sdm.load(new float[] {230f, 230f, 230f}, new float[] {10f, 11f, 12f}, 7590f, 12.5f);
    bus =
        ModbusBus.open(
            ModbusRtuClient.Config.defaults(socat.driverEnd())
                .withTurnaround(Duration.ofMillis(150))
                .withRetries(0),
            Duration.ofSeconds(1),
            clock);
  }

  @AfterEach
  void tearDown() {
    for (AutoCloseable c : new AutoCloseable[] {bus, sdm, device, socat}) {
      if (c != null) {
        try {
          c.close();
        } catch (Exception ignored) {
          // best effort
        }
      }
    }
  }

  @Test
  void anEvseReadingCarriesTheSampleWithItsOwnTimestamp() {
    ModbusBus.Polled m = bus.add(11, Sdm630.INSTANCE, Duration.ofSeconds(11));
    ModbusEnergyMeter meter = new ModbusEnergyMeter(Map.of(1, m));
    assertThat(meter.hasFirstSamples()).isFalse();
    assertThatThrownBy(() -> meter.read(1)).hasMessageContaining("no meter reading yet");

    bus.pollOnce();
    MeterReading r = meter.read(1);
    assertThat(r.at()).isEqualTo(T0);
    assertThat(r.energyWh()).isEqualTo(12_500);
    assertThat(r.powerW()).isEqualTo(7590);
    assertThat(r.currentA()).isEqualTo(new MeterReading.PerPhase(10, 11, 12));
    assertThat(r.voltageV().l3()).isEqualTo(230);
  }

  @Test
  void aFaultNeverRestampsTheLastSampleAsNew() {
    ModbusBus.Polled m = bus.add(11, Sdm630.INSTANCE, Duration.ofSeconds(11));
    ModbusEnergyMeter energy = new ModbusEnergyMeter(Map.of(1, m));
    ModbusSiteMeter site = new ModbusSiteMeter(m);
    bus.pollOnce();
    assertThat(site.read().at()).isEqualTo(T0);

    now.set(T0.plusSeconds(5));
    sdm.mode(FakeSdmMeter.Mode.SILENT);
    bus.pollOnce();
    // The site meter has no reading while its meter faults; the EVSE meter keeps its old stamp.
    assertThatThrownBy(site::read).hasMessageContaining("no current reading");
    assertThat(energy.read(1).at()).isEqualTo(T0);
    assertThat(m.fresh()).isEmpty();
  }

  @Test
  void aSiteReadingOlderThanStaleAfterIsNoReading() {
    ModbusBus.Polled m = bus.add(11, Sdm630.INSTANCE, Duration.ofSeconds(11));
    ModbusSiteMeter site = new ModbusSiteMeter(m);
    bus.pollOnce();
    now.set(T0.plusSeconds(11));
    SiteReading r = site.read();
    assertThat(r.currentA()).isEqualTo(new MeterReading.PerPhase(10, 11, 12));
    assertThat(r.powerW()).isEqualTo(7590);
    now.set(T0.plusSeconds(12));
    assertThatThrownBy(site::read).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aSinglePhaseMeterReadsZeroOnL2AndL3() {
    sdm.setFloat(0x0C, 2300f); // SDM120: power of L1 is also its total
    ModbusBus.Polled m = bus.add(11, Sdm120.INSTANCE, Duration.ofSeconds(11));
    bus.pollOnce();
    MeterReading r = new ModbusEnergyMeter(Map.of(1, m)).read(1);
    assertThat(r.currentA()).isEqualTo(new MeterReading.PerPhase(10, 0, 0));
    assertThat(r.powerW()).isEqualTo(2300);
  }

  @Test
  void theBusPollsOnItsOwnThread() {
    ModbusBus.Polled m = bus.add(11, Sdm630.INSTANCE, Duration.ofSeconds(11));
    bus.start();
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> m.fresh().isPresent());
  }

  @Test
  void aBatteryInverterGivesSignedPowerAndScaledChargeAndNothingWhenSilentOrImplausible() {
    List<BatteryReading> got = new ArrayList<>();
    ModbusBatteryMeter battery =
        new ModbusBatteryMeter(
            new BoardConfig.BatteryMeter(socat.driverEnd(), 9600, 11, 100, 1, 101, 0.1), clock);
    bus.addDevice(client -> battery.poll(client).ifPresent(got::add));
    // charging at 1500 W (a signed register below zero) at 75.5 %
    sdm.setRegister(100, -1500);
    sdm.setRegister(101, 755);
    bus.pollOnce();
    assertThat(got).containsExactly(new BatteryReading(T0, -1500, 75.5));

    // 120 % is no state of charge: the reading is dropped, never clamped
    sdm.setRegister(101, 1200);
    bus.pollOnce();
    assertThat(got).hasSize(1);

    sdm.setRegister(101, 500);
    sdm.mode(FakeSdmMeter.Mode.SILENT);
    bus.pollOnce();
    sdm.mode(FakeSdmMeter.Mode.ILLEGAL_ADDRESS);
    bus.pollOnce();
    assertThat(got).hasSize(1);
  }

  @Test
  void aBatteryInverterMayGiveThirtyTwoBitAndFloatRegistersInEitherWordOrder() {
    List<BatteryReading> got = new ArrayList<>();
    // power a signed 32-bit value, low word first, in tenths of a watt; charge a float, low first
    ModbusBatteryMeter battery =
        new ModbusBatteryMeter(
            new BoardConfig.BatteryMeter(
                socat.driverEnd(),
                9600,
                11,
                100,
                0.1,
                104,
                1,
                BoardConfig.RegisterType.INT32,
                BoardConfig.RegisterType.FLOAT32,
                BoardConfig.WordOrder.LOW_FIRST),
            clock);
    bus.addDevice(client -> battery.poll(client).ifPresent(got::add));
    int charging = -123_456; // -12345.6 W
    sdm.setRegister(100, charging & 0xFFFF);
    sdm.setRegister(101, charging >>> 16);
    int[] soc = io.kilowire.hardware.modbus.ModbusRtuCodec.float32Registers(81.25f);
    sdm.setRegister(104, soc[1]);
    sdm.setRegister(105, soc[0]);
    bus.pollOnce();
    assertThat(got).hasSize(1);
    assertThat(got.get(0).powerW()).isCloseTo(-12_345.6, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(got.get(0).socPercent()).isEqualTo(81.25);

    // a NaN is no value: no reading
    int[] nan = io.kilowire.hardware.modbus.ModbusRtuCodec.float32Registers(Float.NaN);
    sdm.setRegister(104, nan[1]);
    sdm.setRegister(105, nan[0]);
    bus.pollOnce();
    assertThat(got).hasSize(1);
  }

  @Test
  void anUnsignedThirtyTwoBitRegisterHighWordFirstIsNeverNegative() {
    List<BatteryReading> got = new ArrayList<>();
    ModbusBatteryMeter battery =
        new ModbusBatteryMeter(
            new BoardConfig.BatteryMeter(
                socat.driverEnd(),
                9600,
                11,
                100,
                -1,
                104,
                0.001,
                BoardConfig.RegisterType.UINT32,
                BoardConfig.RegisterType.UINT32,
                BoardConfig.WordOrder.HIGH_FIRST),
            clock);
    bus.addDevice(client -> battery.poll(client).ifPresent(got::add));
    // 70,000 W counted charging positive (scale -1), 55.5 % in thousandths
    sdm.setRegister(100, 70_000 >>> 16);
    sdm.setRegister(101, 70_000 & 0xFFFF);
    sdm.setRegister(104, 0);
    sdm.setRegister(105, 55_500);
    bus.pollOnce();
    assertThat(got).containsExactly(new BatteryReading(T0, -70_000, 55.5));
  }
}
