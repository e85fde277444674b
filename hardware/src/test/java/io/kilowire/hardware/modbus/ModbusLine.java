package io.kilowire.hardware.modbus;

import io.kilowire.hardware.testing.DevicePort;
import io.kilowire.hardware.testing.SocatPair;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One RS-485 line in a test: a socat PTY pair, a {@link FakeSdmMeter} at {@code unit} on its device
 * end and a {@link ModbusRtuClient} on its driver end (150 ms turnaround, no retries). Closing it
 * closes all of them.
 */
public final class ModbusLine implements AutoCloseable {
  public final SocatPair socat;
  public final FakeSdmMeter device;
  public final ModbusRtuClient client;
  private final DevicePort port;

  private ModbusLine(
      SocatPair socat, DevicePort port, FakeSdmMeter device, ModbusRtuClient client) {
    this.socat = socat;
    this.port = port;
    this.device = device;
    this.client = client;
  }

  public static ModbusLine open(Path dir, int unit) throws Exception {
    SocatPair socat = SocatPair.start(dir);
    DevicePort port = new DevicePort(socat.deviceEnd(), 9600);
    FakeSdmMeter device = new FakeSdmMeter(port, unit);
    ModbusRtuClient client =
        ModbusRtuClient.open(
            ModbusRtuClient.Config.defaults(socat.driverEnd())
                .withTurnaround(Duration.ofMillis(150))
                .withRetries(0));
    return new ModbusLine(socat, port, device, client);
  }

  @Override
  public void close() {
    for (AutoCloseable c : new AutoCloseable[] {client, device, port, socat}) {
      try {
        c.close();
      } catch (Exception ignored) {
        // best effort
      }
    }
  }
}
