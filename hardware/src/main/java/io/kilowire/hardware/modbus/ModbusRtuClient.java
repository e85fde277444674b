package io.kilowire.hardware.modbus;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thin jSerialComm Modbus RTU master: one transaction at a time, a timeout computed from the frame
 * lengths and the baud rate, retries for lost or corrupt replies (never for exception replies, the
 * slave meant those).
 */
public final class ModbusRtuClient implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ModbusRtuClient.class);

  /**
   * Settings.
   *
   * @param portPath serial device path (RS-485 adapter or PTY)
   * @param baudRate 9600 is the Eastron default
   * @param parity a jSerialComm parity constant; meters ship with none
   * @param stopBits a jSerialComm stop-bit constant
   * @param turnaround the slave's think time before it answers, added to the wire time
   * @param retries extra attempts after the first one
   */
  public record Config(
      String portPath, int baudRate, int parity, int stopBits, Duration turnaround, int retries) {
    public Config {
      Objects.requireNonNull(portPath);
      if (baudRate <= 0 || retries < 0 || turnaround.isNegative()) {
        throw new IllegalArgumentException("bad Modbus config");
      }
    }

    /** 9600 8N1, 200 ms turnaround, 2 retries. */
    public static Config defaults(String portPath) {
      return new Config(
          portPath, 9600, SerialPort.NO_PARITY, SerialPort.ONE_STOP_BIT, Duration.ofMillis(200), 2);
    }

    public Config withTurnaround(Duration t) {
      return new Config(portPath, baudRate, parity, stopBits, t, retries);
    }

    public Config withRetries(int n) {
      return new Config(portPath, baudRate, parity, stopBits, turnaround, n);
    }

    public Config withBaudRate(int baud) {
      return new Config(portPath, baud, parity, stopBits, turnaround, retries);
    }

    /** Time on the wire for {@code bytes} bytes: 11 bit times each (start, 8 data, parity/stop). */
    public long wireNanos(int bytes) {
      return bytes * 11L * 1_000_000_000L / baudRate;
    }

    /**
     * The silent interval that delimits RTU frames: 3.5 character times, fixed at 1.75 ms above
     * 19200 baud as the RTU serial-line rules specify.
     */
    public long interFrameNanos() {
      return baudRate > 19_200 ? 1_750_000L : wireNanos(7) / 2;
    }
  }

  private final Config config;
  private final SerialPort port;
  private volatile boolean closed;
  private final AtomicLong transactions = new AtomicLong();
  private final AtomicLong crcErrors = new AtomicLong();
  private final AtomicLong timeouts = new AtomicLong();
  private final AtomicLong exceptionResponses = new AtomicLong();
  private final AtomicLong malformed = new AtomicLong();
  private final AtomicLong garbageBytes = new AtomicLong();

  private ModbusRtuClient(Config config, SerialPort port) {
    this.config = config;
    this.port = port;
  }

  public static ModbusRtuClient open(Config config) throws IOException {
    SerialPort port = SerialPort.getCommPort(config.portPath());
    port.setComPortParameters(config.baudRate(), 8, config.stopBits(), config.parity());
    port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
    port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 20, 0);
    if (!port.openPort()) {
      throw new IOException("cannot open Modbus port " + config.portPath());
    }
    port.flushIOBuffers();
    log.info("Modbus RTU on {} at {} baud", config.portPath(), config.baudRate());
    return new ModbusRtuClient(config, port);
  }

  /** FC 04. */
  public int[] readInputRegisters(int unit, int address, int count) throws ModbusException {
    return read(unit, ModbusRtuCodec.READ_INPUT_REGISTERS, address, count);
  }

  /** FC 03. */
  public int[] readHoldingRegisters(int unit, int address, int count) throws ModbusException {
    return read(unit, ModbusRtuCodec.READ_HOLDING_REGISTERS, address, count);
  }

  /**
   * FC 16: writes {@code values} from {@code address}. Retried like a read (writing a register
   * again is harmless); an exception reply means the slave refused it and is not retried.
   */
  public void writeRegisters(int unit, int address, int[] values) throws ModbusException {
    byte[] request = ModbusRtuCodec.writeRequest(unit, address, values);
    exchange(
        request,
        unit,
        ModbusRtuCodec.WRITE_MULTIPLE_REGISTERS,
        address,
        ModbusRtuCodec.WRITE_RESPONSE_LENGTH,
        frame -> {
          ModbusRtuCodec.parseWriteResponse(frame, unit, address, values.length);
          return values;
        });
  }

  /** Turns a complete reply frame into the caller's answer. */
  private interface ReplyParser {
    int[] parse(byte[] frame) throws ModbusException;
  }

  public ModbusCounters counters() {
    return new ModbusCounters(
        transactions.get(),
        crcErrors.get(),
        timeouts.get(),
        exceptionResponses.get(),
        malformed.get(),
        garbageBytes.get());
  }

  @Override
  public void close() {
    closed = true;
    port.closePort();
  }

  private int[] read(int unit, int function, int address, int count) throws ModbusException {
    return exchange(
        ModbusRtuCodec.readRequest(unit, function, address, count),
        unit,
        function,
        address,
        ModbusRtuCodec.readResponseLength(count),
        frame -> ModbusRtuCodec.parseReadResponse(frame, unit, function, count));
  }

  private synchronized int[] exchange(
      byte[] request, int unit, int function, int address, int expected, ReplyParser parser)
      throws ModbusException {
    int attempts = config.retries() + 1;
    ModbusException last = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      if (closed) {
        throw new ModbusException(ModbusException.Kind.PORT_CLOSED, "port closed");
      }
      try {
        int[] regs = transact(request, expected, parser);
        transactions.incrementAndGet();
        return regs;
      } catch (ModbusException e) {
        last = e;
        switch (e.kind()) {
          case CRC -> crcErrors.incrementAndGet();
          case TIMEOUT -> timeouts.incrementAndGet();
          case MALFORMED -> malformed.incrementAndGet();
          case EXCEPTION_RESPONSE -> exceptionResponses.incrementAndGet();
          case PORT_CLOSED -> {}
        }
        log.warn(
            "Modbus unit {} fc {} @{} attempt {}/{}: {}",
            unit,
            function,
            address,
            attempt,
            attempts,
            e.getMessage());
        if (e.kind() == ModbusException.Kind.EXCEPTION_RESPONSE
            || e.kind() == ModbusException.Kind.PORT_CLOSED) {
          throw e;
        }
      }
    }
    throw Objects.requireNonNull(last);
  }

  private int[] transact(byte[] request, int expected, ReplyParser parser) throws ModbusException {
    discardStrayBytes();
    // Keep the line silent for one frame gap so the slave sees our request as a new frame.
    LockSupport.parkNanos(config.interFrameNanos());
    if (port.writeBytes(request, request.length) != request.length) {
      throw new ModbusException(ModbusException.Kind.PORT_CLOSED, "write failed");
    }
    long deadline =
        System.nanoTime()
            + config.wireNanos(request.length + expected)
            + config.turnaround().toNanos();
    byte[] head = readFully(3, deadline, 0);
    int length = ModbusRtuCodec.expectedLength(head);
    if (length < ModbusRtuCodec.EXCEPTION_LENGTH || length > 256) {
      throw new ModbusException(ModbusException.Kind.MALFORMED, "impossible length " + length);
    }
    byte[] frame = new byte[length];
    System.arraycopy(head, 0, frame, 0, 3);
    byte[] rest = readFully(length - 3, deadline, 3);
    System.arraycopy(rest, 0, frame, 3, rest.length);
    return parser.parse(frame);
  }

  private byte[] readFully(int n, long deadline, int alreadyRead) throws ModbusException {
    byte[] buf = new byte[n];
    int got = 0;
    while (got < n) {
      if (System.nanoTime() - deadline > 0) {
        garbageBytes.addAndGet(got + alreadyRead);
        throw new ModbusException(
            ModbusException.Kind.TIMEOUT,
            "reply incomplete: " + (got + alreadyRead) + " bytes before the deadline");
      }
      int r = port.readBytes(buf, n - got, got);
      if (r < 0) {
        throw new ModbusException(ModbusException.Kind.PORT_CLOSED, "read failed");
      }
      got += r;
    }
    return buf;
  }

  private void discardStrayBytes() {
    int available = port.bytesAvailable();
    if (available > 0) {
      byte[] junk = new byte[available];
      int n = port.readBytes(junk, available);
      if (n > 0) {
        garbageBytes.addAndGet(n);
        log.warn("Modbus: discarded {} stray bytes: {}", n, ModbusRtuCodec.hex(junk));
      }
    }
  }
}
