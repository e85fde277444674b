package io.kilowire.hardware.rapi;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thin jSerialComm adapter for an OpenEVSE controller speaking RAPI. One command is outstanding at
 * a time; replies are matched by sequence id; {@code $AT}/{@code $AB} notifications go to the
 * {@link RapiListener}. Every decoding problem is counted and reported, and a command that gets no
 * valid reply throws instead of returning a value.
 */
public final class RapiBoard implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RapiBoard.class);

  /** Link health as seen by the driver (not the EVSE state, which {@link #status()} reports). */
  public enum Health {
    OK,
    FAULT
  }

  /**
   * Settings.
   *
   * @param portPath serial device path; PTYs and USB adapters are addressed by path
   * @param baudRate 115200 on stock OpenEVSE firmware
   * @param responseTimeout time to wait for one reply
   * @param retries extra attempts after the first one
   * @param requireChecksum strict mode for firmware 3.0+: lines must carry a checksum and replies
   *     must echo the sequence id. Off only for legacy boards, which then accept bare replies
   * @param clock stamps faults
   */
  public record Config(
      String portPath,
      int baudRate,
      Duration responseTimeout,
      int retries,
      boolean requireChecksum,
      Clock clock) {
    public Config {
      Objects.requireNonNull(portPath);
      if (retries < 0
          || baudRate <= 0
          || responseTimeout.isNegative()
          || responseTimeout.isZero()) {
        throw new IllegalArgumentException("bad RAPI config");
      }
    }

    /** 115200 8N1, 500 ms per reply (the board's own sender uses the same), 2 retries. */
    public static Config defaults(String portPath) {
      return new Config(portPath, 115_200, Duration.ofMillis(500), 2, true, Clock.systemUTC());
    }

    public Config withResponseTimeout(Duration timeout) {
      return new Config(portPath, baudRate, timeout, retries, requireChecksum, clock);
    }

    public Config withRetries(int n) {
      return new Config(portPath, baudRate, responseTimeout, n, requireChecksum, clock);
    }
  }

  private record Pending(String command, int sequenceId, CompletableFuture<RapiFrame> reply) {}

  /**
   * The EVSE and pilot state the board reported last, in the order its frames crossed the wire
   * ({@code $GS} replies and {@code $AT} notifications alike).
   */
  public record ReportedState(EvseState evseState, EvseState pilotState) {}

  private final Config config;
  private final RapiListener listener;
  private final SerialPort port;
  private final RapiLineAssembler assembler = new RapiLineAssembler();
  private final ReentrantLock commandLock = new ReentrantLock();
  private final ExecutorService callbacks;
  private final Thread reader;
  private volatile @Nullable Pending pending;
  private volatile boolean closed;
  private volatile boolean portLost;
  private volatile Health health = Health.OK;
  private volatile @Nullable RapiFault lastFault;
  private volatile @Nullable ReportedState reportedState;
  private int nextSequenceId = 1;

  private final AtomicLong commands = new AtomicLong();
  private final AtomicLong badFrames = new AtomicLong();
  private final AtomicLong checksumErrors = new AtomicLong();
  private final AtomicLong timeouts = new AtomicLong();
  private final AtomicLong unexpectedReplies = new AtomicLong();
  private final AtomicLong boots = new AtomicLong();
  private final AtomicLong garbageReported = new AtomicLong();

  private RapiBoard(Config config, RapiListener listener, SerialPort port) {
    this.config = config;
    this.listener = listener;
    this.port = port;
    String name = "rapi-" + config.portPath();
    this.callbacks =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, name + "-events");
              t.setDaemon(true);
              return t;
            });
    this.reader = new Thread(this::readLoop, name + "-reader");
    reader.setDaemon(true);
  }

  /** Opens the port and starts the reader. Fails if the device path cannot be opened. */
  public static RapiBoard open(Config config, RapiListener listener) throws IOException {
    SerialPort port = SerialPort.getCommPort(config.portPath());
    port.setComPortParameters(config.baudRate(), 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
    port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
    // Semi-blocking with a short timeout lets the reader notice close() promptly.
    port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 100, 0);
    if (!port.openPort()) {
      throw new IOException("cannot open RAPI port " + config.portPath());
    }
    // Bytes queued before we opened belong to nobody; parsing them would only produce noise.
    port.flushIOBuffers();
    RapiBoard board = new RapiBoard(config, listener, port);
    board.reader.start();
    log.info("RAPI board on {} at {} baud", config.portPath(), config.baudRate());
    return board;
  }

  // ---- commands ---------------------------------------------------------------------------

  /** {@code $SC amps V}: volatile current limit. Returns the current the board actually set. */
  public int setCurrent(int amps) throws RapiException {
    if (amps < 0 || amps > 80) {
      throw new IllegalArgumentException("current out of range: " + amps);
    }
    RapiFrame reply = send("SC", Integer.toString(amps), "V");
    // $NK with an argument means "clamped to the board's min/max": still a valid, known setting.
    if (!reply.isOk() && reply.args().isEmpty()) {
      throw new RapiException(RapiException.Kind.REJECTED, "board rejected $SC " + amps);
    }
    int set = parse(reply, RapiCodec::parseCurrentSet);
    if (set != amps) {
      log.warn("RAPI board set {} A instead of {} A", set, amps);
    }
    return set;
  }

  /** {@code $GS}. */
  public RapiStatus status() throws RapiException {
    return parse(sendOk("GS"), RapiCodec::parseStatus);
  }

  /** {@code $GG}. */
  public ChargingMeasurement measurement() throws RapiException {
    return parse(sendOk("GG"), RapiCodec::parseMeasurement);
  }

  /** {@code $FE}. */
  public void enable() throws RapiException {
    sendOk("FE");
  }

  /** {@code $FS}: sleep (pilot stays on, relay open). */
  public void sleep() throws RapiException {
    sendOk("FS");
  }

  /** {@code $FD}: disable. */
  public void disable() throws RapiException {
    sendOk("FD");
  }

  /**
   * {@code $SY seconds amps}: the board drops to {@code failsafeAmps} when no pulse arrives for
   * {@code seconds}. Volatile: re-apply after {@link RapiListener#onBoot}.
   */
  public HeartbeatStatus superviseHeartbeat(int seconds, int failsafeAmps) throws RapiException {
    return parse(
        sendOk("SY", Integer.toString(seconds), Integer.toString(failsafeAmps)),
        RapiCodec::parseHeartbeat);
  }

  /**
   * {@code $SY}: one heartbeat pulse. Returns false when the board answers {@code $NK}, which means
   * a previous pulse was missed and the board is in its failsafe limit until acknowledged.
   */
  public boolean heartbeatPulse() throws RapiException {
    return send("SY").isOk();
  }

  /** {@code $SY 165}: acknowledges a missed pulse so the board restores its current. */
  public void acknowledgeMissedHeartbeat() throws RapiException {
    sendOk("SY", "165");
  }

  /** Any command; the reply is returned whether OK or NK. */
  public RapiFrame send(String command, String... args) throws RapiException {
    commandLock.lock();
    try {
      return exchange(command, List.of(args));
    } finally {
      commandLock.unlock();
    }
  }

  public Health health() {
    return health;
  }

  public @Nullable RapiFault lastFault() {
    return lastFault;
  }

  public RapiCounters counters() {
    return new RapiCounters(
        commands.get(),
        badFrames.get(),
        checksumErrors.get(),
        // The assembler belongs to the reader thread; this is its last published count.
        garbageReported.get(),
        timeouts.get(),
        unexpectedReplies.get(),
        boots.get());
  }

  @Override
  public void close() {
    closed = true;
    Pending p = pending;
    if (p != null) {
      p.reply().completeExceptionally(new RapiException(RapiException.Kind.PORT_CLOSED, "closed"));
    }
    port.closePort();
    try {
      reader.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    callbacks.shutdown();
  }

  // ---- internals --------------------------------------------------------------------------

  private RapiFrame sendOk(String command, String... args) throws RapiException {
    RapiFrame reply = send(command, args);
    if (!reply.isOk()) {
      throw new RapiException(RapiException.Kind.REJECTED, "board rejected $" + command);
    }
    return reply;
  }

  private interface Parser<T> {
    T parse(RapiFrame f) throws RapiFrameException;
  }

  private <T> T parse(RapiFrame reply, Parser<T> parser) throws RapiException {
    try {
      return parser.parse(reply);
    } catch (RapiFrameException e) {
      badFrames.incrementAndGet();
      fault(RapiFault.Kind.BAD_FRAME, e.getMessage());
      throw new RapiException(RapiException.Kind.BAD_REPLY, e.getMessage());
    }
  }

  private RapiFrame exchange(String command, List<String> args) throws RapiException {
    int attempts = config.retries() + 1;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      if (closed || portLost) {
        throw new RapiException(
            RapiException.Kind.PORT_CLOSED, closed ? "port closed" : "port lost");
      }
      int seq = takeSequenceId();
      Pending p = new Pending(command, seq, new CompletableFuture<>());
      pending = p;
      byte[] bytes = RapiCodec.encode(command, args, seq).getBytes(StandardCharsets.US_ASCII);
      try {
        if (port.writeBytes(bytes, bytes.length) != bytes.length) {
          fault(RapiFault.Kind.PORT_LOST, "write failed on " + config.portPath());
          throw new RapiException(RapiException.Kind.PORT_CLOSED, "write failed");
        }
        RapiFrame reply = p.reply().get(config.responseTimeout().toMillis(), TimeUnit.MILLISECONDS);
        commands.incrementAndGet();
        if (health == Health.FAULT) {
          health = Health.OK;
          log.info("RAPI link on {} recovered", config.portPath());
          dispatch(listener::onRecovered);
        }
        return reply;
      } catch (TimeoutException e) {
        timeouts.incrementAndGet();
        log.warn("RAPI ${} attempt {}/{}: no reply", command, attempt, attempts);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RapiException re) {
          throw re;
        }
        // A corrupt line arrived while we waited: it may have been our reply, so ask again now.
        log.warn("RAPI ${} attempt {}/{}: corrupt reply", command, attempt, attempts);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RapiException(RapiException.Kind.TIMEOUT, "interrupted");
      } finally {
        pending = null;
      }
    }
    fault(RapiFault.Kind.TIMEOUT, "$" + command + " unanswered after " + attempts + " attempts");
    throw new RapiException(
        RapiException.Kind.TIMEOUT, "$" + command + " unanswered after " + attempts + " attempts");
  }

  private int takeSequenceId() {
    int s = nextSequenceId;
    // 00 is reserved by the protocol as "no sequence id".
    nextSequenceId = s == 0xFF ? 1 : s + 1;
    return s;
  }

  private void readLoop() {
    byte[] buf = new byte[256];
    while (!closed) {
      int n = port.readBytes(buf, buf.length);
      if (n < 0) {
        if (!closed) {
          // Without a reader no reply can arrive: fail commands at once instead of timing out.
          portLost = true;
          fault(RapiFault.Kind.PORT_LOST, "read failed on " + config.portPath());
          Pending p = pending;
          if (p != null) {
            p.reply()
                .completeExceptionally(
                    new RapiException(RapiException.Kind.PORT_CLOSED, "port lost"));
          }
        }
        return;
      }
      if (n == 0) {
        continue;
      }
      for (String line : assembler.feed(buf, n)) {
        onLine(line);
      }
      long garbage = assembler.garbageBytes();
      long reported = garbageReported.getAndSet(garbage);
      if (garbage > reported) {
        faultNoHealthChange(RapiFault.Kind.GARBAGE, (garbage - reported) + " stray bytes");
      }
    }
  }

  private void onLine(String line) {
    RapiFrame frame;
    try {
      frame = RapiCodec.decode(line, config.requireChecksum());
    } catch (RapiFrameException e) {
      if (e.kind() == RapiFrameException.Kind.CHECKSUM) {
        checksumErrors.incrementAndGet();
        faultNoHealthChange(RapiFault.Kind.CHECKSUM, e.getMessage());
      } else {
        badFrames.incrementAndGet();
        faultNoHealthChange(RapiFault.Kind.BAD_FRAME, e.getMessage());
      }
      Pending p = pending;
      if (p != null) {
        p.reply().completeExceptionally(e);
      }
      return;
    }
    if (frame.isResponse()) {
      Pending p = pending;
      // A reply must echo our sequence id, or a late reply to an abandoned attempt could be
      // taken as the answer to this one. Only legacy mode (pre-3.0 firmware) accepts none.
      boolean matches =
          p != null
              && (frame.sequenceId() == p.sequenceId()
                  || (frame.sequenceId() == 0 && !config.requireChecksum()));
      if (matches) {
        if (Objects.requireNonNull(p).command().equals("GS") && frame.isOk()) {
          noteStatus(frame);
        }
        p.reply().complete(frame);
      } else {
        unexpectedReplies.incrementAndGet();
        faultNoHealthChange(RapiFault.Kind.UNEXPECTED_REPLY, "stale or unsolicited: " + line);
      }
      return;
    }
    try {
      switch (frame.token()) {
        case "AT" -> {
          RapiStateNotification st = RapiCodec.parseStateNotification(frame);
          log.debug("RAPI state {}", st);
          reportedState = new ReportedState(st.evseState(), st.pilotState());
          dispatch(() -> listener.onStateChanged(st));
        }
        case "AB" -> {
          RapiBootNotification boot = RapiCodec.parseBootNotification(frame);
          boots.incrementAndGet();
          log.warn(
              "RAPI board on {} booted (post {}, firmware {}); volatile settings are lost",
              config.portPath(),
              String.format(Locale.ROOT, "%02X", boot.postCode()),
              boot.firmwareVersion());
          dispatch(() -> listener.onBoot(boot));
        }
        default -> log.debug("RAPI notification ignored: {}", line);
      }
    } catch (RapiFrameException e) {
      badFrames.incrementAndGet();
      faultNoHealthChange(RapiFault.Kind.BAD_FRAME, e.getMessage());
    }
  }

  /**
   * Only this reader thread sets the reported state, so it follows the wire order: a {@code $GS}
   * reply read before an {@code $AT} can never overwrite the newer state, whichever thread then
   * acts on them first.
   */
  private void noteStatus(RapiFrame reply) {
    try {
      RapiStatus s = RapiCodec.parseStatus(reply);
      reportedState = new ReportedState(s.evseState(), s.pilotState());
    } catch (RapiFrameException e) {
      // status() parses the same reply on the caller's side and reports it as a bad reply.
    }
  }

  /**
   * The state the board reported last in wire order, or null before its first report. Use this
   * rather than a {@link #status()} result or a notification on its own: those two reach their
   * threads in no guaranteed order.
   */
  public @Nullable ReportedState reportedState() {
    return reportedState;
  }

  /** A fault that makes the link unusable: health goes to FAULT until a command succeeds. */
  private void fault(RapiFault.Kind kind, String detail) {
    health = Health.FAULT;
    faultNoHealthChange(kind, detail);
  }

  /** A fault the checksums contained: counted and reported, results stay trustworthy. */
  private void faultNoHealthChange(RapiFault.Kind kind, String detail) {
    RapiFault f = new RapiFault(kind, detail, config.clock().instant());
    lastFault = f;
    log.warn("RAPI {} on {}: {}", kind, config.portPath(), detail);
    dispatch(() -> listener.onFault(f));
  }

  private void dispatch(Runnable r) {
    try {
      callbacks.execute(
          () -> {
            try {
              r.run();
            } catch (RuntimeException e) {
              log.error("RAPI listener failed", e);
            }
          });
    } catch (RejectedExecutionException e) {
      // Closing: nobody is listening any more.
      log.debug("RAPI event dropped after close");
    }
  }
}
