package io.kilowire.hardware.board;

import io.kilowire.hardware.modbus.MeterLimits;
import io.kilowire.hardware.modbus.MeterReadout;
import io.kilowire.hardware.modbus.MeterRegisterMap;
import io.kilowire.hardware.modbus.MeterSample;
import io.kilowire.hardware.modbus.ModbusMeter;
import io.kilowire.hardware.modbus.ModbusRtuClient;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RS-485 bus: a {@link ModbusRtuClient} and a thread that polls every meter on it in turn, once
 * per interval, so the station's thread never waits for the serial line. Each meter keeps the
 * outcome of its last poll ({@link Polled}).
 */
public final class ModbusBus implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ModbusBus.class);

  /** The newest poll outcome of one meter on the bus. */
  public static final class Polled {
    private final ModbusMeter meter;
    private final Duration staleAfter;
    private final Clock clock;
    private volatile @Nullable MeterReadout last;
    private volatile @Nullable Consumer<MeterSample> listener;

    Polled(ModbusMeter meter, Duration staleAfter, Clock clock) {
      this.meter = meter;
      this.staleAfter = staleAfter;
      this.clock = clock;
    }

    void poll() {
      MeterReadout r = meter.poll();
      if (r instanceof MeterReadout.Fault f) {
        LOG.warn("meter {}: {} ({})", meter.registerMap().model(), f.fault(), f.detail());
      }
      last = r;
      Consumer<MeterSample> l = listener;
      if (l != null && r instanceof MeterReadout.Sample s) {
        l.accept(s.sample());
      }
    }

    /**
     * Every good sample from now on goes to {@code l}, on the bus's thread (a failed poll gives
     * none); {@code l} must not block.
     */
    public void listener(@Nullable Consumer<MeterSample> l) {
      listener = l;
    }

    /**
     * The last poll's sample, or empty when it failed, there was none yet, or the sample is older
     * than {@code staleAfter}: a stale value never comes back as a current one.
     */
    public Optional<MeterSample> fresh() {
      if (last instanceof MeterReadout.Sample s
          && Duration.between(s.sample().timestamp(), clock.instant()).compareTo(staleAfter) <= 0) {
        return Optional.of(s.sample());
      }
      return Optional.empty();
    }

    /** The most recent good sample however old, with its own timestamp. */
    public Optional<MeterSample> lastGood() {
      return meter.lastGood();
    }

    public ModbusMeter meter() {
      return meter;
    }
  }

  private final ModbusRtuClient client;
  private final Duration interval;
  private final Clock clock;
  private final List<Polled> meters = new CopyOnWriteArrayList<>();
  private final List<Consumer<ModbusRtuClient>> devices = new CopyOnWriteArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;

  private ModbusBus(ModbusRtuClient client, Duration interval, Clock clock) {
    this.client = client;
    this.interval = interval;
    this.clock = clock;
    this.thread = new Thread(this::loop, "modbus-" + client);
    thread.setDaemon(true);
  }

  /** Opens the port; polling starts with {@link #start()}. */
  public static ModbusBus open(ModbusRtuClient.Config config, Duration interval, Clock clock)
      throws IOException {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("poll interval must be positive: " + interval);
    }
    return new ModbusBus(ModbusRtuClient.open(config), interval, clock);
  }

  /** Adds the meter at {@code unit} on this bus. */
  public Polled add(int unit, MeterRegisterMap map, Duration staleAfter) {
    Polled p =
        new Polled(
            new ModbusMeter(client, unit, map, MeterLimits.defaults(), clock), staleAfter, clock);
    meters.add(p);
    return p;
  }

  /**
   * Adds a device that is not an energy meter: {@code poll} reads it on this bus's client, in turn
   * with the meters, and must not throw for bus or device problems.
   */
  public void addDevice(Consumer<ModbusRtuClient> poll) {
    devices.add(poll);
  }

  /** Polls every meter and device once now, on the caller's thread (before {@link #start()}). */
  public void pollOnce() {
    meters.forEach(Polled::poll);
    devices.forEach(d -> d.accept(client));
  }

  public void start() {
    thread.start();
  }

  private void loop() {
    while (running) {
      long start = System.nanoTime();
      for (Polled p : meters) {
        if (!running) {
          return;
        }
        p.poll();
      }
      for (Consumer<ModbusRtuClient> d : devices) {
        if (!running) {
          return;
        }
        d.accept(client);
      }
      long left = interval.toNanos() - (System.nanoTime() - start);
      if (left > 0) {
        try {
          Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    client.close();
  }
}
