package io.kilowire.core.testing;

import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.station.logs.LogUploader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A log server in virtual time: each upload takes {@link #UPLOAD_TIME} on the station's scheduler
 * and is kept; the next uploads fail with a given kind, or never finish, on request.
 */
public final class FakeLogUploader implements LogUploader {
  public static final Duration UPLOAD_TIME = Duration.ofSeconds(2);

  /** One attempt as the server saw it. */
  public record Upload(URI location, String fileName, String content) {}

  private final TaskScheduler scheduler;
  private int failures;
  private LogUploader.Failure.Kind failureKind = LogUploader.Failure.Kind.UPLOAD_FAILURE;
  private boolean hangs;
  public final List<Upload> attempts = new ArrayList<>();
  public final List<Upload> received = new ArrayList<>();

  public FakeLogUploader(TaskScheduler scheduler) {
    this.scheduler = scheduler;
  }

  /** The next {@code n} attempts fail with {@code kind}. */
  public FakeLogUploader fail(int n, LogUploader.Failure.Kind kind) {
    this.failures = n;
    this.failureKind = kind;
    return this;
  }

  /** From now on no attempt ever finishes. */
  public FakeLogUploader hang() {
    this.hangs = true;
    return this;
  }

  @Override
  public CompletableFuture<Void> upload(URI location, String fileName, byte[] content) {
    Upload u = new Upload(location, fileName, new String(content, StandardCharsets.UTF_8));
    attempts.add(u);
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (hangs) {
      return done;
    }
    boolean fails = failures > 0;
    if (fails) {
      failures--;
    }
    scheduler.schedule(
        UPLOAD_TIME,
        () -> {
          if (fails) {
            done.completeExceptionally(new LogUploader.Failure(failureKind, "scripted failure"));
          } else {
            received.add(u);
            done.complete(null);
          }
        });
    return done;
  }
}
