package io.kilowire.hardware.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.metering.BatteryReading;
import io.kilowire.core.metering.PvReading;
import io.kilowire.hardware.modbus.FakeSdmMeter;
import io.kilowire.hardware.modbus.ModbusLine;
import io.kilowire.hardware.modbus.ModbusRtuClient;
import io.kilowire.hardware.modbus.ModbusRtuCodec;
import io.kilowire.hardware.modbus.SunSpecImage;
import io.kilowire.hardware.testing.SettableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SunSpec inverters and batteries as the site's PV and battery meters, against a fake Modbus device
 * on a real PTY pair holding a SunSpec register map (point offsets from the SunSpec models: 103 W
 * at 14, W_SF at 15; 113 W float at 22; 124 ChaState at 8, ChaState_SF at 22; 802 SoC at 11, ChaSt
 * at 16, W at 47, SoC_SF at 56, W_SF at 63).
 */
class SunSpecMetersTest {
  private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");
  private static final int UNIT = 7;

  @TempDir Path dir;
  private ModbusLine line;
  private FakeSdmMeter device;
  private ModbusRtuClient client;
  private final SettableClock clock = new SettableClock(T0);

  @BeforeEach
  void setUp() throws Exception {
    line = ModbusLine.open(dir, UNIT);
    device = line.device;
    client = line.client;
  }

  @AfterEach
  void tearDown() {
    if (line != null) {
      line.close();
    }
  }

  private SunSpecMeter meter() {
    return new SunSpecMeter(new BoardConfig.SunSpecUnit(line.socat.driverEnd(), 9600, UNIT), clock);
  }

  @Test
  void aThreePhaseInvertersPowerIsItsScaledWattsFoundByWalkingTheModels() {
    SunSpecImage image = SunSpecImage.at(device, 40_000);
    image.model(1, 66); // common
    int inverter = image.model(103, 50);
    image.end();
    device.setRegister(inverter + 14, 1234); // W
    device.setRegister(inverter + 15, 1); // W_SF: x 10
    assertThat(meter().pv(client)).contains(new PvReading(T0, 12_340));
  }

  @Test
  void theMarkerMayBeAt50000OrAt0() {
    // no marker at 40000; the map is at 50000
    device.setRegister(40_000, 0);
    SunSpecImage image = SunSpecImage.at(device, 50_000);
    int inverter = image.model(101, 50);
    image.end();
    device.setRegister(inverter + 14, 2500);
    device.setRegister(inverter + 15, 0);
    assertThat(meter().pv(client)).contains(new PvReading(T0, 2500));

    device.setRegister(50_000, 0);
    SunSpecImage low = SunSpecImage.at(device, 0);
    int second = low.model(102, 50);
    low.end();
    device.setRegister(second + 14, 480);
    device.setRegister(second + 15, 0xFFFE); // -2: 4.8 W
    assertThat(meter().pv(client).orElseThrow().powerW()).isCloseTo(4.8, within());
  }

  @Test
  void aFloatInvertersWattsAreAFloat() {
    SunSpecImage image = SunSpecImage.at(device, 40_000);
    int inverter = image.model(113, 60);
    image.end();
    int[] w = ModbusRtuCodec.float32Registers(-7_250.5f); // a meter wired the other way round
    device.setRegister(inverter + 22, w[0]);
    device.setRegister(inverter + 23, w[1]);
    assertThat(meter().pv(client)).contains(new PvReading(T0, 7_250.5));
  }

  @Test
  void notImplementedPointsAndScaleFactorsAreNoReadingNeverZero() {
    SunSpecImage image = SunSpecImage.at(device, 40_000);
    int inverter = image.model(103, 50);
    image.end();
    SunSpecMeter meter = meter();
    device.setRegister(inverter + 14, 0x8000); // int16 "not implemented"
    device.setRegister(inverter + 15, 0);
    assertThat(meter.pv(client)).isEmpty();
    device.setRegister(inverter + 14, 100);
    device.setRegister(inverter + 15, 0x8000); // sunssf "not implemented"
    assertThat(meter.pv(client)).isEmpty();
    device.setRegister(inverter + 15, 0);
    assertThat(meter.pv(client)).contains(new PvReading(T0, 100));
  }

  @Test
  void aFloatPointHoldingNanIsNoReading() {
    SunSpecImage image = SunSpecImage.at(device, 40_000);
    int inverter = image.model(113, 60);
    image.end();
    int[] nan = ModbusRtuCodec.float32Registers(Float.NaN);
    device.setRegister(inverter + 22, nan[0]);
    device.setRegister(inverter + 23, nan[1]);
    assertThat(meter().pv(client)).isEmpty();
  }

  @Test
  void modelsAfterTheEndMarkerAreNotThereAndADeviceWithoutTheMarkerGivesNothing() {
    SunSpecImage image = SunSpecImage.at(device, 40_000);
    image.model(1, 66);
    image.end();
    // an inverter model after the end marker is not part of the map
    device.setRegister(40_000 + 2 + 68 + 2, 103);
    device.setRegister(40_000 + 2 + 68 + 3, 50);
    assertThat(meter().pv(client)).isEmpty();

    device.setRegister(40_000, 0);
    assertThat(meter().pv(client)).isEmpty();
    assertThat(meter().battery(client)).isEmpty();
  }

  @Test
  void aBasicStorageModelGivesTheChargeStateAndTheInverterThePower() {
    SunSpecImage image = SunSpecImage.at(device, 40_000);
    int inverter = image.model(103, 50);
    int storage = image.model(124, 24);
    image.end();
    device.setRegister(inverter + 14, -300 & 0xFFFF); // charging from the AC side: -3000 W
    device.setRegister(inverter + 15, 1);
    device.setRegister(storage + 8, 655); // ChaState 65.5 %
    device.setRegister(storage + 22, 0xFFFF); // ChaState_SF -1
    assertThat(meter().battery(client)).contains(new BatteryReading(T0, -3000, 65.5));

    device.setRegister(storage + 8, 0xFFFF); // not implemented
    assertThat(meter().battery(client)).isEmpty();
  }

  @Test
  void aBatteryModelsPowerTakesItsDirectionFromTheChargeStatus() {
    SunSpecImage image = SunSpecImage.at(device, 40_000);
    image.model(1, 66);
    int battery = image.model(802, 62);
    image.end();
    device.setRegister(battery + 11, 42); // SoC 42 %
    device.setRegister(battery + 56, 0); // SoC_SF
    device.setRegister(battery + 47, 45); // W 4500 with W_SF 2
    device.setRegister(battery + 63, 2);
    device.setRegister(battery + 16, 3); // DISCHARGING
    SunSpecMeter meter = meter();
    assertThat(meter.battery(client)).contains(new BatteryReading(T0, 4500, 42));
    device.setRegister(battery + 16, 4); // CHARGING
    assertThat(meter.battery(client)).contains(new BatteryReading(T0, -4500, 42));
    device.setRegister(battery + 16, 6); // HOLDING
    assertThat(meter.battery(client)).contains(new BatteryReading(T0, 0, 42));
    device.setRegister(battery + 16, 0xFFFF); // direction unknown
    assertThat(meter.battery(client)).isEmpty();
    device.setRegister(battery + 16, 3);
    device.setRegister(battery + 11, 1500); // 1500 % is no state of charge
    assertThat(meter.battery(client)).isEmpty();
  }

  @Test
  void aDeviceThatGoesSilentGivesNoReadingAndIsReadAgainOnceBack() {
    SunSpecImage image = SunSpecImage.at(device, 40_000);
    int inverter = image.model(103, 50);
    image.end();
    device.setRegister(inverter + 14, 900);
    device.setRegister(inverter + 15, 0);
    SunSpecMeter meter = meter();
    assertThat(meter.pv(client)).isPresent();
    device.mode(FakeSdmMeter.Mode.SILENT);
    assertThat(meter.pv(client)).isEmpty();
    device.mode(FakeSdmMeter.Mode.NORMAL);
    clock.set(T0.plusSeconds(3));
    assertThat(meter.pv(client)).isEqualTo(Optional.of(new PvReading(T0.plusSeconds(3), 900)));
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }
}
