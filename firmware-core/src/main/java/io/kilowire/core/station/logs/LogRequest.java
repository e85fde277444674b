package io.kilowire.core.station.logs;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A log the CSMS asked for, version-neutral.
 *
 * @param kind which log
 * @param requestId the CSMS's id, carried by every status (null: 1.6 GetDiagnostics, reported with
 *     DiagnosticsStatusNotification)
 * @param location where to upload it
 * @param retries further attempts after a failed upload
 * @param retryInterval the wait before each further attempt
 * @param oldest the oldest entry to include; null: from the first
 * @param latest the latest entry to include; null: up to now
 */
public record LogRequest(
    StationLog.Kind kind,
    @Nullable Integer requestId,
    URI location,
    int retries,
    Duration retryInterval,
    @Nullable Instant oldest,
    @Nullable Instant latest) {

  /** Attempts after the first when the CSMS leaves it to the station. */
  public static final int DEFAULT_RETRIES = 2;

  /** The wait between attempts when the CSMS leaves it to the station. */
  public static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofSeconds(30);

  /**
   * A request as a CSMS sent it: the station's defaults for the retries and the interval it left
   * out, a negative value read as none.
   */
  public static LogRequest asked(
      boolean securityLog,
      @Nullable Integer requestId,
      URI location,
      @Nullable Integer retries,
      @Nullable Integer retryIntervalSeconds,
      @Nullable Instant oldest,
      @Nullable Instant latest) {
    return new LogRequest(
        securityLog ? StationLog.Kind.SECURITY : StationLog.Kind.DIAGNOSTICS,
        requestId,
        location,
        retries == null ? DEFAULT_RETRIES : Math.max(0, retries),
        retryIntervalSeconds == null
            ? DEFAULT_RETRY_INTERVAL
            : Duration.ofSeconds(Math.max(0, retryIntervalSeconds)),
        oldest,
        latest);
  }

  public LogRequest {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(location, "location");
    if (retries < 0) {
      throw new IllegalArgumentException("retries must not be negative");
    }
  }
}
