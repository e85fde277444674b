package io.kilowire.hardware.testing;

import com.fazecast.jSerialComm.SerialPort;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** The device side of a {@link SocatPair}: raw bytes in and out, reads bounded by a deadline. */
public final class DevicePort implements AutoCloseable {
  private final SerialPort port;
  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

  public DevicePort(String path, int baud) throws IOException {
    port = SerialPort.getCommPort(path);
    port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
    port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 50, 0);
    if (!port.openPort()) {
      throw new IOException("cannot open device end " + path);
    }
    port.flushIOBuffers();
  }

  public void write(byte[] bytes) {
    port.writeBytes(bytes, bytes.length);
  }

  public void write(String ascii) {
    write(ascii.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Reads up to and excluding {@code terminator}; null when the deadline passes first. A line cut
   * by the deadline is kept and completed by the next call, so a poll loop never splits a frame.
   */
  public @Nullable String readUntil(char terminator, long timeoutMillis) {
    ByteArrayOutputStream out = partial;
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    byte[] one = new byte[1];
    while (System.nanoTime() < deadline) {
      int n = port.readBytes(one, 1);
      if (n < 0) {
        return null;
      }
      if (n == 1) {
        if (one[0] == terminator) {
          String line = out.toString(StandardCharsets.US_ASCII);
          out.reset();
          return line;
        }
        out.write(one[0]);
      }
    }
    return null;
  }

  /** Reads exactly {@code count} bytes; null when the deadline passes first. */
  public byte @Nullable [] readExactly(int count, long timeoutMillis) {
    byte[] buf = new byte[count];
    int got = 0;
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    while (got < count && System.nanoTime() < deadline) {
      byte[] tmp = new byte[count - got];
      int n = port.readBytes(tmp, tmp.length);
      if (n < 0) {
        return null;
      }
      System.arraycopy(tmp, 0, buf, got, n);
      got += n;
    }
    return got == count ? buf : null;
  }

  /** Whatever arrives within {@code timeoutMillis}, possibly nothing. */
  public byte[] readSome(long timeoutMillis) {
    byte[] buf = new byte[256];
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    while (System.nanoTime() < deadline) {
      int n = port.readBytes(buf, buf.length);
      if (n > 0) {
        return java.util.Arrays.copyOf(buf, n);
      }
      if (n < 0) {
        break;
      }
    }
    return new byte[0];
  }

  public boolean isOpen() {
    return port.isOpen();
  }

  @Override
  public void close() {
    port.closePort();
  }
}
