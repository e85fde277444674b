package io.kilowire.hardware.group;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;

/**
 * Runs one group node as a process: {@code GroupNodeMain --config group.json --id m2}. The node's
 * simulated EV takes {@code evMaxA} from the member's entry in the file. It prints {@code READY},
 * {@code LIMIT} and {@code ROLE} lines on stdout (see {@link GroupNode}) and runs until killed.
 */
public final class GroupNodeMain {
  private GroupNodeMain() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    @Nullable String configPath = null;
    @Nullable String id = null;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--config" -> configPath = args[i + 1];
        case "--id" -> id = args[i + 1];
        default -> usage("unknown option " + args[i]);
      }
    }
    if (configPath == null || id == null) {
      usage("--config and --id are required");
      return;
    }
    GroupCodec.GroupFile file;
    try {
      file = GroupCodec.readConfig(Files.readString(Path.of(configPath), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      usage("bad group file " + configPath + ": " + e.getMessage());
      return;
    }
    if (!file.config().hasMember(id)) {
      usage("no member " + id + " in " + configPath);
      return;
    }
    PrintStream stdout = System.out;
    GroupNode node =
        new GroupNode(
            file.config(),
            id,
            GroupCharger.simulated(file.evMaxA().getOrDefault(id, 0.0)),
            System.currentTimeMillis() / 1000,
            line -> {
              synchronized (stdout) {
                stdout.println(line);
                stdout.flush();
              }
            });
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  node.close();
                  stop.countDown();
                },
                "group-shutdown"));
    node.start();
    stop.await();
  }

  private static void usage(String problem) {
    System.err.println(problem);
    System.err.println("usage: GroupNodeMain --config <group.json> --id <member id>");
    System.exit(2);
  }
}
