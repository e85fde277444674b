package io.kilowire.core.station.logs;

import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.station.CsmsGateway;
import io.kilowire.core.station.StationContext;
import io.kilowire.core.station.reports.PendingReports;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log uploads (1.6 GetDiagnostics, GetLog; 2.0.1 N01): the entries of the requested log within the
 * requested time window become one file, named in the answer and uploaded to the CSMS's location
 * with the request's retries, each attempt given {@link #UPLOAD_TIME_LIMIT}; Uploading, then
 * Uploaded or the failure the uploader names (UploadFailure, BadMessage, PermissionDenied,
 * NotSupportedOperation), queued while the CSMS is unreachable. A new request cancels the upload in
 * progress (AcceptedCanceled). Memory only: a restart forgets an upload.
 */
public final class LogUploads {
  private static final Logger LOG = LoggerFactory.getLogger(LogUploads.class);

  /** How long one upload attempt may take before it counts as failed. */
  public static final Duration UPLOAD_TIME_LIMIT = Duration.ofSeconds(60);

  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** The answer to GetLog / GetDiagnostics. */
  public enum Answer {
    ACCEPTED,
    ACCEPTED_CANCELED,
    REJECTED
  }

  /** The answer and the name of the file that will be uploaded (null: nothing to upload). */
  public record Accepted(Answer answer, @Nullable String fileName) {}

  private record Report(LogStatus status, @Nullable Integer requestId, boolean diagnostics16) {}

  private final StationLog log;
  private final TaskScheduler scheduler;
  private final PendingReports<Report> reports;
  private final CsmsGateway gateway;
  private @Nullable LogUploader uploader;
  private @Nullable LogRequest current;
  private int epoch;

  public LogUploads(StationContext context, StationLog log) {
    this.log = log;
    this.scheduler = context.scheduler();
    this.gateway = context.gateway();
    this.reports =
        new PendingReports<>(
            "log status notifications",
            PendingReports.CAPACITY,
            context.registered(),
            r -> gateway.logStatus(r.status(), r.requestId(), r.diagnostics16()));
  }

  /** Where log files go; without an uploader the station answers Rejected. */
  public void use(LogUploader logUploader) {
    this.uploader = logUploader;
  }

  public boolean available() {
    return uploader != null;
  }

  /** GetLog / GetDiagnostics: the answer now, the upload after the reply. */
  public Accepted request(LogRequest r) {
    if (uploader == null) {
      return new Accepted(Answer.REJECTED, null);
    }
    List<StationLog.Entry> entries = log.entries(r.kind(), r.oldest(), r.latest());
    boolean diagnostics16 = r.requestId() == null;
    if (entries.isEmpty()) {
      // N01.FR.05: nothing to upload; 1.6 GetDiagnostics then names no file (§5.9).
      return new Accepted(diagnostics16 ? Answer.ACCEPTED : Answer.REJECTED, null);
    }
    LogRequest cancelled = current;
    boolean cancels = cancelled != null;
    epoch++;
    int mine = epoch;
    current = r;
    String name =
        (r.kind() == StationLog.Kind.SECURITY ? "security-" : "diagnostics-")
            + FILE_TIME.format(scheduler.now())
            + ".log";
    byte[] content = StationLog.file(entries);
    if (cancelled != null) {
      LOG.info("log upload {} cancelled by request {}", cancelled.requestId(), r.requestId());
      if (cancelled.requestId() != null) {
        // The cancelled upload's own id: the CSMS learns which of its requests went away.
        report(cancelled, LogStatus.ACCEPTED_CANCELED);
      }
    }
    scheduler.schedule(
        Duration.ZERO,
        () -> {
          if (mine == epoch) {
            report(r, LogStatus.UPLOADING);
            attempt(r, mine, name, content, 0);
          }
        });
    return new Accepted(cancels ? Answer.ACCEPTED_CANCELED : Answer.ACCEPTED, name);
  }

  /** A trigger: Uploading while an upload runs, Idle otherwise (N01.FR.13). */
  public void trigger(boolean diagnostics16) {
    LogRequest r = current;
    if (r == null) {
      gateway.logStatus(LogStatus.IDLE, null, diagnostics16);
    } else {
      gateway.logStatus(LogStatus.UPLOADING, r.requestId(), diagnostics16);
    }
  }

  public void registered() {
    reports.flush();
  }

  public void connectionLost() {
    reports.connectionLost();
  }

  private void attempt(LogRequest r, int mine, String name, byte[] content, int attempt) {
    LogUploader up = uploader;
    if (mine != epoch || up == null) {
      return;
    }
    boolean[] settled = new boolean[1];
    TaskScheduler.Cancellable limit =
        scheduler.schedule(
            UPLOAD_TIME_LIMIT,
            () -> {
              if (!settled[0]) {
                settled[0] = true;
                failed(
                    r,
                    mine,
                    name,
                    content,
                    attempt,
                    LogUploader.Failure.Kind.UPLOAD_FAILURE,
                    "no answer within " + UPLOAD_TIME_LIMIT.toSeconds() + " s");
              }
            });
    up.upload(r.location(), name, content)
        .whenComplete(
            (ok, failure) -> {
              if (settled[0]) {
                return; // it took too long: already counted as failed
              }
              settled[0] = true;
              limit.cancel();
              if (failure == null) {
                if (mine == epoch) {
                  LOG.info("log {} uploaded to {}", name, r.location());
                  report(r, LogStatus.UPLOADED);
                  current = null;
                }
                return;
              }
              Throwable cause = unwrap(failure);
              LogUploader.Failure.Kind kind =
                  cause instanceof LogUploader.Failure f
                      ? f.kind()
                      : LogUploader.Failure.Kind.UPLOAD_FAILURE;
              failed(r, mine, name, content, attempt, kind, String.valueOf(cause.getMessage()));
            });
  }

  private void failed(
      LogRequest r,
      int mine,
      String name,
      byte[] content,
      int attempt,
      LogUploader.Failure.Kind kind,
      String why) {
    if (mine != epoch) {
      return;
    }
    LOG.info("log upload {} of {} failed: {}", attempt + 1, name, why);
    if (attempt < r.retries()) {
      scheduler.schedule(r.retryInterval(), () -> attempt(r, mine, name, content, attempt + 1));
      return;
    }
    report(r, LogStatus.valueOf(kind.name()));
    current = null;
  }

  private void report(LogRequest r, LogStatus status) {
    reports.add(new Report(status, r.requestId(), r.requestId() == null));
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
  }
}
