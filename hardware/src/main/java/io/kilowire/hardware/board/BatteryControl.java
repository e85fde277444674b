package io.kilowire.hardware.board;

import io.kilowire.core.metering.BatteryReading;
import io.kilowire.hardware.modbus.ModbusRtuClient;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The site's battery on the bus: each poll writes the balancer's newest setpoint when one is due
 * (with a {@code command} section: at most once per interval, when it changed, after a failed
 * write, or again after half the revert time), then reads the battery and hands the reading on.
 * <b>Fail-safe:</b> a write the battery refuses or never answers holds its readings back until a
 * write is taken again: once the last one is older than {@code solar.readingStaleAfter} the
 * balancer counts no discharge from a battery that does not follow it, while its last reading still
 * tells the balancer what the grid meter's net reading may hide (a reading erased instead would
 * make the building look smaller by the battery's discharge). Runs on the bus's thread; {@link
 * #setpoint} may be called from any thread.
 */
final class BatteryControl {
  private static final Logger LOG = LoggerFactory.getLogger(BatteryControl.class);

  /** Reads the battery once. */
  private interface Reader {
    Optional<BatteryReading> read(ModbusRtuClient client);
  }

  /** Writes a setpoint (W, discharging positive). */
  private interface Writer {
    void write(ModbusRtuClient client, double watts) throws IOException;
  }

  private final Reader reader;
  private final @Nullable Writer writer;
  private final BoardConfig.@Nullable BatteryCommand command;
  private final Clock clock;
  private final Consumer<BatteryReading> listener;
  private volatile double setpoint;
  private @Nullable Instant lastAttempt;
  private @Nullable Instant lastWrite;
  private double lastWritten;
  private boolean inControl = true;

  private BatteryControl(
      Reader reader,
      @Nullable Writer writer,
      BoardConfig.@Nullable BatteryCommand command,
      Clock clock,
      Consumer<BatteryReading> listener) {
    this.reader = reader;
    this.writer = writer;
    this.command = command;
    this.clock = clock;
    this.listener = listener;
  }

  /** A SunSpec battery, commanded through its storage model (124) when {@code command} is given. */
  static BatteryControl sunSpec(
      BoardConfig.SunSpecUnit unit,
      BoardConfig.@Nullable BatteryCommand command,
      Clock clock,
      Consumer<BatteryReading> listener) {
    SunSpecMeter meter = new SunSpecMeter(unit, clock);
    Writer writer =
        command == null
            ? null
            : (client, watts) ->
                meter.commandStorage(client, watts, (int) command.revertAfter().toSeconds());
    return new BatteryControl(meter::battery, writer, command, clock, listener);
  }

  /** A battery by a register map, commanded through the command's register when given. */
  static BatteryControl registerMap(
      BoardConfig.BatteryMeter map,
      BoardConfig.@Nullable BatteryCommand command,
      Clock clock,
      Consumer<BatteryReading> listener) {
    ModbusBatteryMeter meter = new ModbusBatteryMeter(map, clock);
    BoardConfig.CommandRegister register = command == null ? null : command.register();
    if (command != null && register == null) {
      throw new IllegalArgumentException("a register-map battery is commanded by a register");
    }
    Writer writer =
        register == null ? null : (client, watts) -> meter.command(client, watts, register);
    return new BatteryControl(meter::poll, writer, command, clock, listener);
  }

  /** The balancer's newest setpoint: W, discharging positive, 0 idle. */
  void setpoint(double watts) {
    setpoint = watts;
  }

  /** One turn on the bus: the setpoint if due, then the reading. */
  void poll(ModbusRtuClient client) {
    if (writer != null && command != null) {
      command(client, writer, command);
    }
    if (inControl) {
      reader.read(client).ifPresent(listener);
    }
  }

  private void command(ModbusRtuClient client, Writer w, BoardConfig.BatteryCommand c) {
    Instant now = clock.instant();
    if (lastAttempt != null && Duration.between(lastAttempt, now).compareTo(c.interval()) < 0) {
      return;
    }
    double want = setpoint;
    boolean keepAlive =
        lastWrite != null
            && Duration.between(lastWrite, now).compareTo(c.revertAfter().dividedBy(2)) >= 0;
    if (lastWrite != null && inControl && want == lastWritten && !keepAlive) {
      return;
    }
    lastAttempt = now;
    try {
      w.write(client, want);
      lastWrite = now;
      lastWritten = want;
      if (!inControl) {
        LOG.info("battery takes its setpoint again ({} W)", want);
      }
      inControl = true;
    } catch (IOException e) {
      if (inControl) {
        LOG.warn(
            "battery setpoint {} W not taken: {}; its readings are held back",
            want,
            e.getMessage());
        inControl = false;
      }
    }
  }
}
