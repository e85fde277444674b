package io.kilowire.emulator.station;

import io.kilowire.core.hal.FirmwareInstaller;
import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.transfer.FileTransfers;
import io.kilowire.core.transfer.TransferFailure;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * An emulated station's firmware: downloads simulated (any location answers after a moment, the
 * default: a CSMS can roll out firmware without hosting it), real (fetched over HTTP(S)) or failing
 * (to test a CSMS against DownloadFailed); installation takes a moment, and the new version is the
 * image's file name without its extension ({@code .../kw-2.1.bin} → {@code kw-2.1}).
 */
public final class SimulatedFirmware implements FirmwareInstaller {
  /** How downloads behave; switched by the CLI ({@code --firmware-download}) or the control API. */
  public enum DownloadMode {
    SIMULATED,
    REAL,
    FAIL;

    /** The mode by its name in any letter case; IllegalArgumentException naming the choices. */
    public static DownloadMode parse(String text) {
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "expected simulated, real or fail, got '" + text + "'", e);
      }
    }
  }

  static final Duration DOWNLOAD_TIME = Duration.ofSeconds(3);
  static final Duration INSTALL_TIME = Duration.ofSeconds(5);

  private volatile DownloadMode mode = DownloadMode.SIMULATED;
  private volatile String running;
  private @Nullable TaskScheduler scheduler;

  public SimulatedFirmware(String runningVersion) {
    this.running = runningVersion;
  }

  /** The station's scheduler, once its runtime exists. */
  void attach(TaskScheduler stationScheduler) {
    this.scheduler = stationScheduler;
  }

  public void downloadMode(DownloadMode next) {
    this.mode = next;
  }

  public DownloadMode downloadMode() {
    return mode;
  }

  @Override
  public String runningVersion() {
    return running;
  }

  @Override
  public CompletableFuture<Image> download(URI location) {
    return switch (mode) {
      case FAIL ->
          later(
              DOWNLOAD_TIME,
              () -> {
                throw new TransferFailure(
                    TransferFailure.Kind.FAILED,
                    location + ": download failure set by the emulator's operator");
              });
      case REAL ->
          FileTransfers.shared().download(location).thenApply(bytes -> new Held(location, bytes));
      case SIMULATED ->
          later(
              DOWNLOAD_TIME,
              () ->
                  new Held(
                      location,
                      ("simulated image of " + location).getBytes(StandardCharsets.UTF_8)));
    };
  }

  @Override
  public CompletableFuture<String> install(Image image) {
    URI from = ((Held) image).location();
    String path = from.getPath() == null ? "" : from.getPath();
    String name = path.substring(path.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    String version = (dot > 0 ? name.substring(0, dot) : name).trim();
    String next = version.isEmpty() ? running + "+1" : version;
    return later(
        INSTALL_TIME,
        () -> {
          running = next;
          return next;
        });
  }

  /** What a step yields, or the failure it throws. */
  @FunctionalInterface
  private interface Step<T> {
    T run() throws Exception;
  }

  private <T> CompletableFuture<T> later(Duration delay, Step<T> step) {
    CompletableFuture<T> done = new CompletableFuture<>();
    TaskScheduler s = scheduler;
    Runnable task =
        () -> {
          try {
            done.complete(step.run());
          } catch (Exception e) {
            done.completeExceptionally(e);
          }
        };
    if (s == null) {
      task.run();
    } else {
      s.schedule(delay, task);
    }
    return done;
  }

  private record Held(URI location, byte[] bytes) implements Image {
    @Override
    public InputStream open() {
      return new ByteArrayInputStream(bytes);
    }
  }
}
