package io.kilowire.hardware.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kilowire.hardware.modbus.FakeSdmMeter;
import io.kilowire.hardware.rapi.FakeOpenEvse;
import io.kilowire.hardware.testing.DevicePort;
import io.kilowire.hardware.testing.SocatPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening the drivers a config names, on a fake OpenEVSE and a fake SDM630 (socat PTYs). */
class BoardSetTest {
  @TempDir Path dir;
  private final Deque<AutoCloseable> cleanup = new ArrayDeque<>();
  private SocatPair rapi;
  private SocatPair modbus;
  private FakeSdmMeter meter;

  @BeforeEach
  void setUp() throws Exception {
    rapi = push(SocatPair.start(Files.createDirectory(dir.resolve("rapi"))));
    modbus = push(SocatPair.start(Files.createDirectory(dir.resolve("modbus"))));
    push(
        new FakeOpenEvse(
            push(new DevicePort(rapi.deviceEnd(), 115_200)),
            cmd ->
                switch (cmd.token()) {
                  case "GS" -> "$OK 01 0 01 0000";
                  case "SY" -> "$OK 10 6 0";
                  default -> "$OK";
                }));
    meter = push(new FakeSdmMeter(push(new DevicePort(modbus.deviceEnd(), 9600)), 11));
    meter.load(new float[] {230f, 230f, 230f}, new float[] {0f, 0f, 0f}, 0f, 3f);
  }

  private <T extends AutoCloseable> T push(T c) {
    cleanup.push(c);
    return c;
  }

  @AfterEach
  void tearDown() throws Exception {
    while (!cleanup.isEmpty()) {
      cleanup.pop().close();
    }
  }

  private BoardConfig config(String rapiPort) throws BoardConfig.Invalid {
    return config(rapiPort, "");
  }

  /** With {@code more} top-level fields, each with a trailing comma. */
  private BoardConfig config(String rapiPort, String more) throws BoardConfig.Invalid {
    return BoardConfig.parse(
        """
        {%s"evses": [{"rapi": {"port": "%s"},
                    "meter": {"port": "%s", "unit": 11, "model": "sdm630"}}],
         "siteMeter": {"modbus": {"port": "%s", "unit": 11, "model": "sdm630"}}}
        """
            .formatted(more, rapiPort, modbus.driverEnd(), modbus.driverEnd()));
  }

  @Test
  void everyDriverIsOpenedAndWiredToTheHal() throws Exception {
    try (BoardSet set = BoardSet.open(config(rapi.driverEnd()), Clock.systemUTC())) {
      assertThat(set.evseCount()).isEqualTo(1);
      assertThat(set.hardware().read(1).energyWh()).isEqualTo(3000);
      assertThat(set.siteMeter()).isPresent();
      assertThat(set.siteMeter().orElseThrow().read().powerW()).isZero();
      assertThat(set.hardware().iso15118Dash20()).isFalse();
    }
  }

  @Test
  void aConfigSayingTheEvsesSpeakIso15118Dash20DeclaresItToTheStation() throws Exception {
    try (BoardSet set =
        BoardSet.open(config(rapi.driverEnd(), "\"iso15118Dash20\": true,"), Clock.systemUTC())) {
      // so a 2.1 station keeps a V2G20 certificate too (TriggerMessage SignV2G20Certificate)
      assertThat(set.hardware().iso15118Dash20()).isTrue();
    }
  }

  @Test
  void aMeterWithoutAValidFirstReadingStopsTheStartNamingIt() {
    meter.mode(FakeSdmMeter.Mode.SILENT);
    assertThatThrownBy(() -> BoardSet.open(config(rapi.driverEnd()), Clock.systemUTC()))
        .isInstanceOf(IOException.class)
        .hasMessage("evses[0].meter: no valid reading from unit 11 on " + modbus.driverEnd());
  }

  @Test
  void aBoardPortThatCannotBeOpenedFails() {
    assertThatThrownBy(
            () -> BoardSet.open(config(dir.resolve("no-such-tty").toString()), Clock.systemUTC()))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("evses[0].rapi.port: cannot open " + dir.resolve("no-such-tty"));
  }
}
