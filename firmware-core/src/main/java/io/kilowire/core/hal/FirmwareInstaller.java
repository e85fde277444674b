package io.kilowire.core.hal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where firmware comes from and goes to: the board (or the emulator) fetches an image into its
 * staging area and installs it so that it runs from the next boot on. The station decides when
 * (retrieve and install times, retries, waiting for transactions, the reboot) and checks the
 * image's signature itself; the installer only acts.
 *
 * <p>The futures complete on the station's thread: a runtime hands an outcome reached on another
 * thread (a download) back to it, see {@code StationRuntime.Builder#firmwareInstaller}.
 */
public interface FirmwareInstaller {
  /** The version of the firmware running now, as the BootNotification reports it. */
  String runningVersion();

  /**
   * The manufacturer's root certificates a firmware signing certificate must be issued by (OCPP
   * 2.0.1 L01.FR.21, no intermediates); empty: signed firmware is refused as InvalidCertificate.
   */
  default List<X509Certificate> manufacturerRoots() {
    return List.of();
  }

  /** Fetches the image at {@code location}; fails with the reason when it cannot. */
  CompletableFuture<Image> download(URI location);

  /**
   * Installs a downloaded image; completes with the version it carries (what the station reports
   * after the reboot that activates it), or fails with {@link InstallFailure}.
   */
  CompletableFuture<String> install(Image image);

  /** A downloaded firmware image. */
  interface Image {
    /** Its bytes, from the first, for the signature check. */
    InputStream open() throws IOException;
  }

  /** Why an installation did not happen. */
  final class InstallFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** True: the image did not pass the installer's own check (InstallVerificationFailed). */
    private final boolean verification;

    public InstallFailure(String message, boolean verification) {
      super(message);
      this.verification = verification;
    }

    public boolean verification() {
      return verification;
    }
  }
}
