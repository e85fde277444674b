package io.kilowire.core.transfer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * Downloads and uploads over HTTP and HTTPS on the JDK's client: a firmware image fetched whole (up
 * to {@link #MAX_DOWNLOAD_BYTES}), a log file sent with PUT. Every failure is a {@link
 * TransferFailure} naming its kind; another scheme (FTP) fails as NOT_SUPPORTED.
 */
public final class FileTransfers {
  /** The largest image fetched; a station keeps it in memory until it is installed. */
  public static final long MAX_DOWNLOAD_BYTES = 64L * 1024 * 1024;

  private static final Object SHARED_LOCK = new Object();
  private static FileTransfers shared;

  private final HttpClient client;
  private final Duration timeout;

  /**
   * HTTPS servers are trusted as the JVM's default trust store says.
   *
   * @param timeout how long a connection and each transfer may take
   */
  public FileTransfers(Duration timeout) {
    this(timeout, null);
  }

  /**
   * HTTPS servers are trusted as {@code tls} says: a maker whose firmware or log server has its own
   * CA gives a context trusting it ({@code TlsContexts.trusting}); a server it does not trust fails
   * the transfer.
   *
   * @param timeout how long a connection and each transfer may take
   */
  public FileTransfers(Duration timeout, @Nullable SSLContext tls) {
    this.timeout = timeout;
    HttpClient.Builder builder =
        HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL);
    if (tls != null) {
      builder.sslContext(tls);
    }
    this.client = builder.build();
  }

  /** One for the whole process (a minute's timeout). */
  public static FileTransfers shared() {
    synchronized (SHARED_LOCK) {
      if (shared == null) {
        shared = new FileTransfers(Duration.ofSeconds(60));
      }
      return shared;
    }
  }

  /** The whole body at {@code location}; fails unless the answer is 2xx. */
  public CompletableFuture<byte[]> download(URI location) {
    TransferFailure unsupported = unsupported(location);
    if (unsupported != null) {
      return CompletableFuture.failedFuture(unsupported);
    }
    HttpRequest request = HttpRequest.newBuilder(location).timeout(timeout).GET().build();
    return client
        .sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .handle(
            (response, failure) -> {
              if (failure != null) {
                throw new CompletionException(failed(location, failure));
              }
              check(location, response.statusCode());
              byte[] body = response.body();
              if (body.length > MAX_DOWNLOAD_BYTES) {
                throw new CompletionException(
                    new TransferFailure(
                        TransferFailure.Kind.FAILED, location + ": larger than the station takes"));
              }
              return body;
            });
  }

  /** Sends {@code content} to {@code location} with PUT; fails unless the answer is 2xx. */
  public CompletableFuture<Void> upload(URI location, byte[] content, String contentType) {
    TransferFailure unsupported = unsupported(location);
    if (unsupported != null) {
      return CompletableFuture.failedFuture(unsupported);
    }
    HttpRequest request =
        HttpRequest.newBuilder(location)
            .timeout(timeout)
            .header("Content-Type", contentType)
            .PUT(HttpRequest.BodyPublishers.ofByteArray(content))
            .build();
    return client
        .sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .handle(
            (response, failure) -> {
              if (failure != null) {
                throw new CompletionException(failed(location, failure));
              }
              check(location, response.statusCode());
              return null;
            });
  }

  private static TransferFailure unsupported(URI location) {
    String scheme =
        location.getScheme() == null ? "" : location.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("http") || scheme.equals("https")) {
      return null;
    }
    return new TransferFailure(
        TransferFailure.Kind.NOT_SUPPORTED, scheme + " transfers are not supported: " + location);
  }

  private static void check(URI location, int status) {
    if (status >= 200 && status < 300) {
      return;
    }
    TransferFailure.Kind kind =
        switch (status) {
          case 401, 403 -> TransferFailure.Kind.PERMISSION_DENIED;
          case 400 -> TransferFailure.Kind.BAD_MESSAGE;
          case 405, 501 -> TransferFailure.Kind.NOT_SUPPORTED;
          case 408, 504 -> TransferFailure.Kind.TIMEOUT;
          default -> TransferFailure.Kind.FAILED;
        };
    throw new CompletionException(new TransferFailure(kind, location + ": HTTP " + status));
  }

  private static TransferFailure failed(URI location, Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof TransferFailure t) {
      return t;
    }
    TransferFailure.Kind kind =
        cause instanceof HttpTimeoutException
            ? TransferFailure.Kind.TIMEOUT
            : TransferFailure.Kind.FAILED;
    return new TransferFailure(kind, location + ": " + cause, cause);
  }
}
