package io.kilowire.core.transfer;

import io.kilowire.core.hal.FirmwareInstaller;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A {@link FirmwareInstaller} that fetches images over HTTP(S) with {@link FileTransfers} and hands
 * them to the board's {@link Flash}: what a charger maker plugs in when its controller keeps the
 * image in memory until it is written.
 */
public final class DownloadingFirmwareInstaller implements FirmwareInstaller {
  /** Writes an image so that it runs from the next boot on. */
  @FunctionalInterface
  public interface Flash {
    /**
     * Completes with the version the image carries, or fails with {@link
     * FirmwareInstaller.InstallFailure}.
     */
    CompletableFuture<String> write(byte[] image, URI from);
  }

  private final FileTransfers transfers;
  private final Supplier<String> runningVersion;
  private final List<X509Certificate> roots;
  private final Flash flash;

  public DownloadingFirmwareInstaller(
      FileTransfers transfers,
      Supplier<String> runningVersion,
      List<X509Certificate> manufacturerRoots,
      Flash flash) {
    this.transfers = transfers;
    this.runningVersion = runningVersion;
    this.roots = List.copyOf(manufacturerRoots);
    this.flash = flash;
  }

  @Override
  public String runningVersion() {
    return runningVersion.get();
  }

  @Override
  public List<X509Certificate> manufacturerRoots() {
    return roots;
  }

  @Override
  public CompletableFuture<Image> download(URI location) {
    return transfers.download(location).thenApply(bytes -> new Downloaded(location, bytes));
  }

  @Override
  public CompletableFuture<String> install(Image image) {
    Downloaded d = (Downloaded) image;
    return flash.write(d.bytes(), d.location());
  }

  /** An image held in memory. */
  private record Downloaded(URI location, byte[] bytes) implements Image {
    @Override
    public InputStream open() {
      return new ByteArrayInputStream(bytes);
    }
  }
}
