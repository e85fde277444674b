package io.kilowire.core.transfer;

import io.kilowire.core.station.logs.LogUploader;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Log files over HTTP(S) with PUT: to {@code location} itself, or to the file's name under it when
 * the location ends with a slash (a directory, as CSMSs usually name it). The server's refusal
 * becomes the failure status the CSMS hears; FTP is not supported (NotSupportedOperation).
 */
public final class HttpLogUploader implements LogUploader {
  private final FileTransfers transfers;

  public HttpLogUploader(FileTransfers transfers) {
    this.transfers = transfers;
  }

  /** Where a file named {@code fileName} goes for a CSMS that named {@code location}. */
  public static URI target(URI location, String fileName) {
    String path = location.getRawPath();
    return path != null && path.endsWith("/") ? location.resolve(fileName) : location;
  }

  @Override
  public CompletableFuture<Void> upload(URI location, String fileName, byte[] content) {
    return transfers
        .upload(target(location, fileName), content, "text/plain; charset=utf-8")
        .exceptionally(
            failure -> {
              Throwable cause =
                  failure instanceof CompletionException && failure.getCause() != null
                      ? failure.getCause()
                      : failure;
              if (cause instanceof TransferFailure t) {
                throw new LogUploader.Failure(kind(t.kind()), t.getMessage());
              }
              throw new LogUploader.Failure(
                  LogUploader.Failure.Kind.UPLOAD_FAILURE, String.valueOf(cause));
            });
  }

  private static LogUploader.Failure.Kind kind(TransferFailure.Kind kind) {
    return switch (kind) {
      case PERMISSION_DENIED -> LogUploader.Failure.Kind.PERMISSION_DENIED;
      case BAD_MESSAGE -> LogUploader.Failure.Kind.BAD_MESSAGE;
      case NOT_SUPPORTED -> LogUploader.Failure.Kind.NOT_SUPPORTED_OPERATION;
      case TIMEOUT, FAILED -> LogUploader.Failure.Kind.UPLOAD_FAILURE;
    };
  }
}
