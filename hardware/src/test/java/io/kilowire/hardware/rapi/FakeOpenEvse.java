package io.kilowire.hardware.rapi;

import io.kilowire.hardware.testing.DevicePort;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Plays an OpenEVSE board on the device end of a PTY pair. The script maps each received command to
 * a reply body ({@code "$OK 16"}); the fake appends the echoed sequence id and the XOR checksum, as
 * firmware 3.0+ does. A null reply means the board stays silent.
 */
public final class FakeOpenEvse implements AutoCloseable {
  private final DevicePort port;
  private final Thread thread;
  private final List<String> received = new CopyOnWriteArrayList<>();
  private volatile Function<RapiFrame, @Nullable String> script;
  private volatile boolean running = true;

  public FakeOpenEvse(DevicePort port, Function<RapiFrame, @Nullable String> script) {
    this.port = port;
    this.script = script;
    this.thread = new Thread(this::loop, "fake-openevse");
    thread.setDaemon(true);
    thread.start();
  }

  public void script(Function<RapiFrame, @Nullable String> s) {
    this.script = s;
  }

  public List<String> received() {
    return received;
  }

  /** Sends a body with checksum (and sequence id when non-zero). */
  public void send(String body, int seq) {
    port.write(frame(body, seq));
  }

  /** Sends raw bytes, for corrupt frames and garbage. */
  public void sendRaw(String raw) {
    port.write(raw);
  }

  public static String frame(String body, int seq) {
    String b = seq == 0 ? body : body + String.format(Locale.ROOT, " :%02X", seq);
    int x = 0;
    for (char c : b.toCharArray()) {
      x ^= c;
    }
    return b + String.format(Locale.ROOT, "^%02X\r", x);
  }

  private void loop() {
    while (running) {
      String line = port.readUntil('\r', 100);
      if (line == null) {
        continue;
      }
      received.add(line);
      RapiFrame cmd;
      try {
        cmd = RapiCodec.decode(line, true);
      } catch (RapiFrameException e) {
        send("$NK", 0);
        continue;
      }
      String reply = script.apply(cmd);
      if (reply != null) {
        if (reply.startsWith("RAW:")) {
          sendRaw(reply.substring(4));
        } else {
          send(reply, cmd.sequenceId());
        }
      }
    }
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
