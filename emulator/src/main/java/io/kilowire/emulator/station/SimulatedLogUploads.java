package io.kilowire.emulator.station;

import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.station.logs.LogUploader;
import io.kilowire.core.transfer.FileTransfers;
import io.kilowire.core.transfer.HttpLogUploader;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * An emulated station's log uploads (GetDiagnostics, GetLog): real (PUT to the CSMS's location, the
 * default), simulated (done after a moment without sending), timing out (never answered, so the
 * station's own time limit ends it with UploadFailure) or failing at once, so a CSMS can be tested
 * against each outcome.
 */
public final class SimulatedLogUploads implements LogUploader {
  /** How uploads behave; switched by the CLI ({@code --log-upload}) or the control API. */
  public enum UploadMode {
    REAL,
    SIMULATED,
    TIMEOUT,
    FAIL;

    /** The mode by its name in any letter case; IllegalArgumentException naming the choices. */
    public static UploadMode parse(String text) {
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "expected real, simulated, timeout or fail, got '" + text + "'", e);
      }
    }
  }

  static final Duration SIMULATED_UPLOAD_TIME = Duration.ofSeconds(2);

  private final LogUploader real = new HttpLogUploader(FileTransfers.shared());
  private volatile UploadMode mode = UploadMode.REAL;
  private volatile @Nullable TaskScheduler scheduler;

  /** The station's scheduler, once its runtime exists. */
  void attach(TaskScheduler stationScheduler) {
    this.scheduler = stationScheduler;
  }

  public void uploadMode(UploadMode next) {
    this.mode = next;
  }

  public UploadMode uploadMode() {
    return mode;
  }

  @Override
  public CompletableFuture<Void> upload(URI location, String fileName, byte[] content) {
    return switch (mode) {
      case REAL -> real.upload(location, fileName, content);
      case TIMEOUT -> new CompletableFuture<>();
      case FAIL ->
          CompletableFuture.failedFuture(
              new LogUploader.Failure(
                  LogUploader.Failure.Kind.UPLOAD_FAILURE,
                  location + ": upload failure set by the emulator's operator"));
      case SIMULATED -> {
        CompletableFuture<Void> done = new CompletableFuture<>();
        TaskScheduler s = scheduler;
        if (s == null) {
          done.complete(null);
        } else {
          s.schedule(SIMULATED_UPLOAD_TIME, () -> done.complete(null));
        }
        yield done;
      }
    };
  }
}
