package io.kilowire.hardware.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.metering.BatteryReading;
import io.kilowire.hardware.modbus.FakeSdmMeter;
import io.kilowire.hardware.modbus.ModbusLine;
import io.kilowire.hardware.modbus.ModbusRtuClient;
import io.kilowire.hardware.modbus.SunSpecImage;
import io.kilowire.hardware.testing.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The balancer's battery setpoint written to the battery, against a fake device on a real PTY pair
 * that records every write: SunSpec 124 (WChaMax at 2, StorCtl_Mod at 5, OutWRte at 12, InWRte at
 * 13, InOutWRte_RvrtTms at 15, WChaMax_SF at 18, InOutWRte_SF at 25) or a register of the map; at
 * most one write per interval; a refused write takes the battery's readings away.
 */
class BatteryCommandTest {
  private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");
  private static final int UNIT = 5;

  @TempDir Path dir;
  private ModbusLine line;
  private FakeSdmMeter device;
  private ModbusRtuClient client;
  private final SettableClock clock = new SettableClock(T0);
  private final List<BatteryReading> published = new ArrayList<>();

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

  /** A hybrid inverter: 103 (the battery's AC power) and 124, 10 kW max, rates in tenths of %. */
  private int sunSpecStorage() {
    SunSpecImage image = SunSpecImage.at(device, 40_000);
    int inverter = image.model(103, 50);
    int storage = image.model(124, 24);
    image.end();
    device.setRegister(inverter + 14, 0);
    device.setRegister(inverter + 15, 0);
    device.setRegister(storage + 2, 1000); // WChaMax 1000 x 10 W
    device.setRegister(storage + 18, 1);
    device.setRegister(storage + 8, 50); // ChaState 50 %
    device.setRegister(storage + 22, 0);
    device.setRegister(storage + 15, 0); // InOutWRte_RvrtTms implemented
    device.setRegister(storage + 25, 0xFFFF); // InOutWRte_SF -1
    return storage;
  }

  private BatteryControl sunSpecControl() {
    BoardConfig.SunSpecUnit unit = new BoardConfig.SunSpecUnit(line.socat.driverEnd(), 9600, UNIT);
    return BatteryControl.sunSpec(
        unit,
        new BoardConfig.BatteryCommand(Duration.ofSeconds(5), Duration.ofSeconds(60), null),
        clock,
        published::add);
  }

  @Test
  void aSunSpecBatteryGetsItsRatesAsAShareOfItsMaximumAndAtMostOneWritePerInterval() {
    int storage = sunSpecStorage();
    BatteryControl control = sunSpecControl();

    // discharge 3 kW of 10 kW: 30.0 % out, the charge side forced below zero, both limits on
    control.setpoint(3000);
    control.poll(client);
    assertThat((short) device.register(storage + 12)).isEqualTo((short) 300);
    assertThat((short) device.register(storage + 13)).isEqualTo((short) -300);
    assertThat(device.register(storage + 15)).isEqualTo(60);
    assertThat(device.register(storage + 5)).isEqualTo(3);
    int writes = device.writes().size();
    assertThat(published).hasSize(1).allMatch(r -> r.socPercent() == 50);

    // a new setpoint 2 s later waits for the interval
    clock.set(T0.plusSeconds(2));
    control.setpoint(-12_000); // charging beyond the maximum: 100 %
    control.poll(client);
    assertThat(device.writes()).hasSize(writes);
    clock.set(T0.plusSeconds(5));
    control.poll(client);
    assertThat((short) device.register(storage + 13)).isEqualTo((short) 1000);
    assertThat((short) device.register(storage + 12)).isEqualTo((short) -1000);
    int afterCharge = device.writes().size();
    assertThat(afterCharge).isGreaterThan(writes);

    // the same setpoint again is not written again before half the revert time
    clock.set(T0.plusSeconds(20));
    control.poll(client);
    assertThat(device.writes()).hasSize(afterCharge);
    clock.set(T0.plusSeconds(36));
    control.poll(client);
    assertThat(device.writes()).hasSizeGreaterThan(afterCharge);

    // idle: both rates 0
    clock.set(T0.plusSeconds(41));
    control.setpoint(0);
    control.poll(client);
    assertThat(device.register(storage + 12)).isZero();
    assertThat(device.register(storage + 13)).isZero();
  }

  @Test
  void aRefusedWriteHoldsTheBatteryReadingsBackUntilAWriteIsTakenAgain() {
    sunSpecStorage();
    BatteryControl control = sunSpecControl();
    control.setpoint(2000);
    control.poll(client);
    assertThat(published).hasSize(1);

    // the device still answers reads, but its last reading is all the balancer keeps: it goes
    // stale, and the battery's discharge no longer counts
    device.mode(FakeSdmMeter.Mode.REFUSE_WRITES);
    clock.set(T0.plusSeconds(5));
    control.setpoint(4000);
    control.poll(client);
    clock.set(T0.plusSeconds(6));
    control.poll(client);
    assertThat(published).hasSize(1);

    device.mode(FakeSdmMeter.Mode.NORMAL);
    clock.set(T0.plusSeconds(10));
    control.poll(client);
    assertThat(published).hasSize(2);
    assertThat(published.get(1).at()).isEqualTo(T0.plusSeconds(10));
  }

  @Test
  void aBatteryWithoutAStorageModelIsNeverInControl() {
    SunSpecImage image = SunSpecImage.at(device, 40_000);
    int inverter = image.model(103, 50);
    image.end();
    device.setRegister(inverter + 14, 0);
    device.setRegister(inverter + 15, 0);
    BatteryControl control = sunSpecControl();
    control.setpoint(1000);
    control.poll(client);
    assertThat(device.writes()).isEmpty();
    assertThat(published).isEmpty();
  }

  @Test
  void aRegisterMapBatteryGetsTheSetpointInItsCommandRegister() {
    device.setRegister(100, 0);
    device.setRegister(101, 800); // 80.0 %
    BoardConfig.BatteryMeter map =
        new BoardConfig.BatteryMeter(
            line.socat.driverEnd(),
            9600,
            UNIT,
            100,
            1,
            101,
            0.1,
            BoardConfig.RegisterType.INT16,
            BoardConfig.RegisterType.UINT16,
            BoardConfig.WordOrder.LOW_FIRST);
    BatteryControl control =
        BatteryControl.registerMap(
            map,
            new BoardConfig.BatteryCommand(
                Duration.ofSeconds(5),
                Duration.ofSeconds(60),
                new BoardConfig.CommandRegister(200, BoardConfig.RegisterType.INT32, -0.1)),
            clock,
            published::add);
    // discharging 2500.05 W; the inverter counts charging positive in tenths: -25000
    control.setpoint(2500.05);
    control.poll(client);
    assertThat(device.writes())
        .containsExactly(
            new FakeSdmMeter.Write(200, List.of(-25_000 & 0xFFFF, (-25_000 >>> 16) & 0xFFFF)));
    assertThat(published).hasSize(1).allMatch(r -> r.socPercent() == 80);
  }
}
