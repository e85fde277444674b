package io.kilowire.hardware.modbus;

import io.kilowire.hardware.testing.DevicePort;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Plays an Eastron meter on the device end of a PTY pair: answers FC 04 (and FC 03, for a battery
 * inverter's registers, SunSpec models included) from one bank of all 65536 registers, and takes FC
 * 06 / FC 16 writes into it, keeping each write in order ({@link #writes()}). The test switches its
 * behaviour per request through {@link Mode}.
 */
public final class FakeSdmMeter implements AutoCloseable {
  /** What the next replies look like. */
  public enum Mode {
    NORMAL,
    SILENT,
    CORRUPT_ONCE,
    GARBAGE_THEN_NORMAL,
    ILLEGAL_ADDRESS,
    /** Reads are answered; writes get exception 4 (slave device failure) and change nothing. */
    REFUSE_WRITES
  }

  /** One write the fake took: the first register and the values written from it. */
  public record Write(int address, List<Integer> values) {}

  private final DevicePort port;
  private final int unit;
  private final int[] registers = new int[0x10000];
  private final List<Write> writes = new CopyOnWriteArrayList<>();
  private final Thread thread;
  private final AtomicInteger requests = new AtomicInteger();
  private volatile Mode mode = Mode.NORMAL;
  private volatile boolean running = true;

  public FakeSdmMeter(DevicePort port, int unit) {
    this.port = port;
    this.unit = unit;
    thread = new Thread(this::loop, "fake-sdm");
    thread.setDaemon(true);
    thread.start();
  }

  public synchronized void setFloat(int address, float value) {
    int[] r = ModbusRtuCodec.float32Registers(value);
    registers[address] = r[0];
    registers[address + 1] = r[1];
  }

  /** One 16-bit register (a battery inverter's holding register, read with FC 03). */
  public synchronized void setRegister(int address, int value) {
    registers[address] = value & 0xFFFF;
  }

  /** SDM630 registers of a three-phase load: V and I per phase, P = V × I, total and energy. */
  public synchronized void load(float[] volts, float[] amps, float totalW, float importKwh) {
    for (int p = 0; p < 3; p++) {
      setFloat(2 * p, volts[p]);
      setFloat(0x06 + 2 * p, amps[p]);
      setFloat(0x0C + 2 * p, volts[p] * amps[p]);
    }
    setFloat(0x34, totalW);
    setFloat(0x48, importKwh);
  }

  /** One register as it is now (what the driver wrote, or what the test set). */
  public synchronized int register(int address) {
    return registers[address];
  }

  /** Every write taken so far, oldest first (refused ones are not kept). */
  public List<Write> writes() {
    return List.copyOf(writes);
  }

  public void mode(Mode m) {
    mode = m;
  }

  public int requests() {
    return requests.get();
  }

  private void loop() {
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    while (running) {
      byte[] got = port.readSome(50);
      in.write(got, 0, got.length);
      byte[] buf = in.toByteArray();
      // Reads and FC 06 are 8 bytes; FC 16 is 9 + its byte count.
      while (buf.length >= 8) {
        int length = (buf[1] & 0xFF) == 16 ? 9 + (buf[6] & 0xFF) : 8;
        if (buf.length < length) {
          break;
        }
        byte[] req = Arrays.copyOf(buf, length);
        buf = Arrays.copyOfRange(buf, length, buf.length);
        requests.incrementAndGet();
        byte[] reply = answer(req);
        if (reply != null) {
          port.write(reply);
        }
      }
      in.reset();
      in.write(buf, 0, buf.length);
    }
  }

  private synchronized byte @Nullable [] answer(byte[] req) {
    if (ModbusRtuCodec.crc16(req, 0, req.length) != 0 || (req[0] & 0xFF) != unit) {
      return null; // a real slave ignores frames with a bad CRC or for another unit
    }
    int fc = req[1] & 0xFF;
    int address = ((req[2] & 0xFF) << 8) | (req[3] & 0xFF);
    int count = ((req[4] & 0xFF) << 8) | (req[5] & 0xFF);
    Mode m = mode;
    switch (m) {
      case SILENT:
        return null;
      case ILLEGAL_ADDRESS:
        return ModbusRtuCodec.exceptionResponse(unit, fc, 2);
      default:
        break;
    }
    if (fc == 6 || fc == 16) {
      return write(req, fc, address, m);
    }
    // FC 03 reads the same bank, as a battery inverter's holding registers
    boolean read = fc == 4 || fc == 3;
    if (!read || address + count > registers.length) {
      return ModbusRtuCodec.exceptionResponse(unit, fc, read ? 2 : 1);
    }
    byte[] reply =
        ModbusRtuCodec.readResponse(
            unit, fc, Arrays.copyOfRange(registers, address, address + count));
    if (m == Mode.CORRUPT_ONCE) {
      reply[3] ^= 0x40;
      mode = Mode.NORMAL;
    } else if (m == Mode.GARBAGE_THEN_NORMAL) {
      byte[] junk = {(byte) 0xFF, 0x00, 0x55};
      byte[] out = new byte[junk.length + reply.length];
      System.arraycopy(junk, 0, out, 0, junk.length);
      System.arraycopy(reply, 0, out, junk.length, reply.length);
      mode = Mode.NORMAL;
      return out;
    }
    return reply;
  }

  private byte[] write(byte[] req, int fc, int address, Mode m) {
    if (m == Mode.REFUSE_WRITES) {
      return ModbusRtuCodec.exceptionResponse(unit, fc, 4);
    }
    List<Integer> values = new java.util.ArrayList<>();
    if (fc == 6) {
      values.add(((req[4] & 0xFF) << 8) | (req[5] & 0xFF));
    } else {
      int count = ((req[4] & 0xFF) << 8) | (req[5] & 0xFF);
      for (int i = 0; i < count; i++) {
        values.add(((req[7 + 2 * i] & 0xFF) << 8) | (req[8 + 2 * i] & 0xFF));
      }
    }
    if (address + values.size() > registers.length) {
      return ModbusRtuCodec.exceptionResponse(unit, fc, 2);
    }
    for (int i = 0; i < values.size(); i++) {
      registers[address + i] = values.get(i);
    }
    writes.add(new Write(address, List.copyOf(values)));
    // FC 06 echoes the request; FC 16 answers unit, fc, address, count
    byte[] reply = Arrays.copyOf(req, 8);
    int crc = ModbusRtuCodec.crc16(reply, 0, 6);
    reply[6] = (byte) crc;
    reply[7] = (byte) (crc >>> 8);
    return reply;
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
