package io.kilowire.core.station.logs;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * Sends a log file to the location a CSMS named. A runtime does it over HTTP(S) (the {@code
 * transfer} package); the emulator can make it fail or hang. The future completes on the station's
 * thread; one that never completes is given up by the station after its own time limit.
 */
@FunctionalInterface
public interface LogUploader {
  CompletableFuture<Void> upload(URI location, String fileName, byte[] content);

  /** Why an upload failed, as the status notification says it. */
  final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The failure statuses of 2.0.1 UploadLogStatusEnumType. */
    public enum Kind {
      UPLOAD_FAILURE,
      BAD_MESSAGE,
      PERMISSION_DENIED,
      NOT_SUPPORTED_OPERATION
    }

    private final Kind kind;

    public Failure(Kind kind, String message) {
      super(message);
      this.kind = kind;
    }

    public Kind kind() {
      return kind;
    }
  }
}
