package io.kilowire.core.station.firmware;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A firmware update the CSMS asked for, version-neutral.
 *
 * @param requestId the CSMS's id, carried by every status report (null: a plain 1.6 UpdateFirmware,
 *     reported with 1.6 FirmwareStatusNotification)
 * @param location where the image is
 * @param retries further attempts after a failed download (0: none)
 * @param retryInterval the wait before each further attempt
 * @param retrieveAt not before then
 * @param installAt not before then; null: as soon as it is downloaded (and the station idle)
 * @param signingCertificate the PEM certificate the image was signed with; null: not signed
 * @param signature the image's signature, base64; null: not signed
 */
public record FirmwareUpdate(
    @Nullable Integer requestId,
    URI location,
    int retries,
    Duration retryInterval,
    Instant retrieveAt,
    @Nullable Instant installAt,
    @Nullable String signingCertificate,
    @Nullable String signature) {

  /** Attempts after the first when the CSMS leaves it to the station. */
  public static final int DEFAULT_RETRIES = 2;

  /** The wait between attempts when the CSMS leaves it to the station. */
  public static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofSeconds(30);

  public FirmwareUpdate {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(retrieveAt, "retrieveAt");
    if (retries < 0) {
      throw new IllegalArgumentException("retries must not be negative");
    }
    if (retryInterval.isNegative()) {
      throw new IllegalArgumentException("retryInterval must not be negative");
    }
  }

  /** Whether the image must pass a signature check before it is installed. */
  public boolean signed() {
    return signature != null;
  }
}
