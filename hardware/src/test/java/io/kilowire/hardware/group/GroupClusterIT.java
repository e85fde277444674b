package io.kilowire.hardware.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three chargers in three JVMs on 127.0.0.1: m1 is the site controller (no EV), m2's EV takes up to
 * 32 A, m3's up to 8 A. Site 32 A, margin 2 A, safe shares 8 + 12 + 10 = 30 A. The controller is
 * killed with SIGKILL and started again; the test reads every process's LIMIT lines and checks, at
 * every change in any process, that the applied limits add up to at most the budget and that the
 * EVs' envelope (the highest limit of each member within the response window, which is what an EV
 * may still draw while it follows a decrease) stays within the site limit.
 */
class GroupClusterIT {
  private static final double SITE_LIMIT_A = 32;
  private static final double BUDGET_A = 30;
  private static final Duration HEARTBEAT = Duration.ofMillis(300);
  private static final Duration SILENT_AFTER = Duration.ofMillis(1500);
  private static final Duration RESPONSE_WINDOW = Duration.ofMillis(1000);

  /** memberSilentAfter (silent - heartbeat) + lease (= silent) + response window. */
  private static final Duration RISE_DELAY =
      SILENT_AFTER.minus(HEARTBEAT).plus(SILENT_AFTER).plus(RESPONSE_WINDOW);

  private static final Map<String, Double> SAFE = Map.of("m1", 8.0, "m2", 12.0, "m3", 10.0);

  @TempDir Path dir;

  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final Map<String, Process> processes = new HashMap<>();
  private final List<Process> all = new ArrayList<>();

  record Event(String kind, long micros, String member, String value, String state, long epoch) {
    double amps() {
      return Double.parseDouble(value);
    }
  }

  @AfterEach
  void stopAll() throws InterruptedException {
    for (Process p : all) {
      p.destroyForcibly();
      p.waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void theControllerIsKilledAndRestartedWithoutTheSiteEverBeingOverloaded() throws Exception {
    int[] ports = freeUdpPorts(3);
    Path config = dir.resolve("group.json");
    Files.writeString(config, groupJson(ports), StandardCharsets.UTF_8);

    for (String id : List.of("m1", "m2", "m3")) {
      start(config, id);
    }
    awaitAll(List.of("m1", "m2", "m3"), e -> e.kind.equals("READY"), Duration.ofSeconds(20));

    // Steady state under the first controller: m3's EV takes 8 A, m2 gets the rest.
    Event m2First = await(following("m2", 22.0, 0), Duration.ofSeconds(20));
    await(following("m3", 8.0, 0), Duration.ofSeconds(5));
    long firstEpoch = m2First.epoch;

    Process controller = processes.get("m1");
    long killedAt = nowMicros();
    controller.destroyForcibly();
    assertThat(controller.waitFor(5, TimeUnit.SECONDS)).isTrue();

    // A member above its safe share comes down to it once the controller is silent; a member
    // below it rises to it only after the rise delay.
    Event m2Down =
        await(
            e -> isLimit(e, "m2") && e.micros > killedAt && e.amps() <= SAFE.get("m2"),
            Duration.ofSeconds(10));
    assertThat(Duration.ofNanos((m2Down.micros - killedAt) * 1000))
        .isLessThanOrEqualTo(SILENT_AFTER.plusSeconds(1));
    Duration fallbackBound = SILENT_AFTER.plus(RISE_DELAY).plusSeconds(2);
    Event m2Fallback =
        await(e -> atSafeShare(e, "m2") && e.micros > killedAt, fallbackBound.plusSeconds(5));
    Event m3Fallback =
        await(e -> atSafeShare(e, "m3") && e.micros > killedAt, fallbackBound.plusSeconds(5));
    assertThat(Duration.ofNanos((Math.max(m2Fallback.micros, m3Fallback.micros) - killedAt) * 1000))
        .isLessThanOrEqualTo(fallbackBound);

    // The controller returns: it takes a newer term, and the members follow it back to the
    // balanced limits.
    long restartedAt = nowMicros();
    start(config, "m1");
    Event leading =
        await(
            e -> e.kind.equals("ROLE") && e.micros > restartedAt && e.value.equals("LEADING"),
            Duration.ofSeconds(20));
    assertThat(leading.epoch).isGreaterThan(firstEpoch);
    await(following("m2", 22.0, leading.epoch - 1), Duration.ofSeconds(15));
    await(following("m3", 8.0, leading.epoch - 1), Duration.ofSeconds(5));

    checkSums(events);
  }

  /** Replays every LIMIT line in time order and checks both sums at every change. */
  private static void checkSums(List<Event> events) {
    List<Event> limits = new ArrayList<>();
    for (Event e : events) {
      if (e.kind.equals("LIMIT")) {
        limits.add(e);
      }
    }
    limits.sort(Comparator.comparingLong(Event::micros));
    assertThat(limits).hasSizeGreaterThan(6);
    long window = RESPONSE_WINDOW.toNanos() / 1000;
    Map<String, Double> applied = new HashMap<>();
    Map<String, List<Event>> history = new HashMap<>();
    double maxApplied = 0;
    double maxEnvelope = 0;
    for (Event e : limits) {
      applied.put(e.member, e.amps());
      history.computeIfAbsent(e.member, k -> new ArrayList<>()).add(e);
      double sum = applied.values().stream().mapToDouble(Double::doubleValue).sum();
      double envelope = 0;
      for (List<Event> h : history.values()) {
        double max = h.get(h.size() - 1).amps();
        for (int i = h.size() - 2; i >= 0; i--) {
          // h.get(i) held until h.get(i + 1); it counts while that change is within the window.
          if (h.get(i + 1).micros <= e.micros - window) {
            break;
          }
          max = Math.max(max, h.get(i).amps());
        }
        envelope += max;
      }
      assertThat(sum)
          .as("applied limits at %d: %s", e.micros, applied)
          .isLessThanOrEqualTo(BUDGET_A);
      assertThat(envelope).as("EV envelope at %d", e.micros).isLessThanOrEqualTo(SITE_LIMIT_A);
      maxApplied = Math.max(maxApplied, sum);
      maxEnvelope = Math.max(maxEnvelope, envelope);
    }
    System.out.printf(
        "group cluster: %d limit changes, highest applied sum %.1f A, highest envelope %.1f A%n",
        limits.size(), maxApplied, maxEnvelope);
  }

  private static boolean isLimit(Event e, String member) {
    return e.kind.equals("LIMIT") && e.member.equals(member);
  }

  private static boolean atSafeShare(Event e, String member) {
    return isLimit(e, member) && e.state.equals("FALLBACK") && e.amps() == SAFE.get(member);
  }

  private static Predicate<Event> following(String member, double amps, long epochAbove) {
    return e ->
        isLimit(e, member)
            && e.state.equals("FOLLOWING")
            && e.amps() == amps
            && e.epoch > epochAbove;
  }

  private Event await(Predicate<Event> p, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      for (Event e : events) {
        if (p.test(e)) {
          return e;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("timed out after " + timeout + "; events:\n" + dump());
  }

  private void awaitAll(List<String> members, Predicate<Event> p, Duration timeout)
      throws InterruptedException {
    for (String m : members) {
      await(e -> e.member.equals(m) && p.test(e), timeout);
    }
  }

  private String dump() {
    StringBuilder b = new StringBuilder();
    for (Event e : events) {
      b.append(e).append('\n');
    }
    for (String id : List.of("m1", "m2", "m3")) {
      Path err = dir.resolve(id + ".err");
      try {
        if (Files.exists(err)) {
          String text = Files.readString(err, StandardCharsets.UTF_8);
          b.append("--- ").append(id).append(" stderr (tail)\n");
          b.append(text, Math.max(0, text.length() - 2000), text.length());
        }
      } catch (IOException ex) {
        b.append(ex).append('\n');
      }
    }
    return b.toString();
  }

  private void start(Path config, String id) throws IOException {
    List<String> cmd =
        List.of(
            ProcessHandle.current().info().command().orElse("java"),
            "-Xmx64m",
            "-XX:TieredStopAtLevel=1",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
            "-cp",
            System.getProperty("java.class.path"),
            GroupNodeMain.class.getName(),
            "--config",
            config.toString(),
            "--id",
            id);
    Process p =
        new ProcessBuilder(cmd)
            .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve(id + ".err").toFile()))
            .start();
    processes.put(id, p);
    all.add(p);
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  @Nullable Event e = parse(line);
                  if (e != null) {
                    events.add(e);
                  }
                }
              } catch (IOException ignored) {
                // the process ended
              }
            },
            "read-" + id);
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * {@code LIMIT <µs> <member> <amps> <state> <term>}, {@code ROLE <µs> <member> <role> <term>},
   * {@code READY <µs> <member> <port>}.
   */
  private static @Nullable Event parse(String line) {
    String[] f = line.trim().split(" ");
    return switch (f[0]) {
      case "LIMIT" ->
          new Event("LIMIT", Long.parseLong(f[1]), f[2], f[3], f[4], Long.parseLong(f[5]));
      case "ROLE" -> new Event("ROLE", Long.parseLong(f[1]), f[2], f[3], "", Long.parseLong(f[4]));
      case "READY" -> new Event("READY", Long.parseLong(f[1]), f[2], f[3], "", 0);
      default -> null;
    };
  }

  private static long nowMicros() {
    java.time.Instant t = java.time.Instant.now();
    return t.getEpochSecond() * 1_000_000 + t.getNano() / 1000;
  }

  private static int[] freeUdpPorts(int n) throws IOException {
    int[] ports = new int[n];
    List<DatagramSocket> open = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        DatagramSocket s =
            new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        open.add(s);
        ports[i] = s.getLocalPort();
      }
    } finally {
      open.forEach(DatagramSocket::close);
    }
    return ports;
  }

  private static String groupJson(int[] ports) {
    return """
        {"siteLimitA":32,"marginA":2,"controller":"m1",
         "heartbeatMs":%d,"controllerSilentAfterMs":%d,"responseWindowMs":%d,
         "members":[
          {"id":"m1","endpoint":"coap://127.0.0.1:%d","maxA":32,"safeShareA":8,"evMaxA":0},
          {"id":"m2","endpoint":"coap://127.0.0.1:%d","maxA":32,"safeShareA":12,"evMaxA":32},
          {"id":"m3","endpoint":"coap://127.0.0.1:%d","maxA":32,"safeShareA":10,"evMaxA":8}]}
        """
        .formatted(
            HEARTBEAT.toMillis(),
            SILENT_AFTER.toMillis(),
            RESPONSE_WINDOW.toMillis(),
            ports[0],
            ports[1],
            ports[2]);
  }
}
