package io.kilowire.core.testing;

import io.kilowire.core.hal.FirmwareInstaller;
import io.kilowire.core.scheduling.TaskScheduler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A firmware installer in virtual time: images served from a table by location, a download and an
 * installation each taking their time on the station's scheduler, failures on request.
 */
public final class FakeFirmwareInstaller implements FirmwareInstaller {
  public static final Duration DOWNLOAD_TIME = Duration.ofSeconds(5);
  public static final Duration INSTALL_TIME = Duration.ofSeconds(10);

  private final TaskScheduler scheduler;
  private final Map<URI, byte[]> images = new HashMap<>();
  private final List<X509Certificate> roots = new ArrayList<>();
  private String running = "1.0";
  private int downloadFailures;
  private boolean installFails;
  private boolean verificationFails;
  public final List<URI> downloads = new ArrayList<>();
  public final List<String> installed = new ArrayList<>();

  public FakeFirmwareInstaller(TaskScheduler scheduler) {
    this.scheduler = scheduler;
  }

  public FakeFirmwareInstaller image(String location, byte[] bytes) {
    images.put(URI.create(location), bytes);
    return this;
  }

  public FakeFirmwareInstaller trust(X509Certificate root) {
    roots.add(root);
    return this;
  }

  /** The next {@code n} downloads fail. */
  public FakeFirmwareInstaller failDownloads(int n) {
    downloadFailures = n;
    return this;
  }

  public FakeFirmwareInstaller failInstall(boolean verification) {
    installFails = true;
    verificationFails = verification;
    return this;
  }

  @Override
  public String runningVersion() {
    return running;
  }

  @Override
  public List<X509Certificate> manufacturerRoots() {
    return List.copyOf(roots);
  }

  @Override
  public CompletableFuture<Image> download(URI location) {
    downloads.add(location);
    CompletableFuture<Image> done = new CompletableFuture<>();
    scheduler.schedule(
        DOWNLOAD_TIME,
        () -> {
          byte[] bytes = images.get(location);
          if (downloadFailures > 0 || bytes == null) {
            downloadFailures = Math.max(0, downloadFailures - 1);
            done.completeExceptionally(new IOException("HTTP 404 for " + location));
          } else {
            done.complete(new Bytes(location, bytes));
          }
        });
    return done;
  }

  @Override
  public CompletableFuture<String> install(Image image) {
    CompletableFuture<String> done = new CompletableFuture<>();
    scheduler.schedule(
        INSTALL_TIME,
        () -> {
          if (installFails) {
            done.completeExceptionally(new InstallFailure("flash write failed", verificationFails));
            return;
          }
          String path = ((Bytes) image).location.getPath();
          String version = path.substring(path.lastIndexOf('/') + 1).replace(".bin", "");
          installed.add(version);
          running = version;
          done.complete(version);
        });
    return done;
  }

  private record Bytes(URI location, byte[] bytes) implements Image {
    @Override
    public InputStream open() {
      return new ByteArrayInputStream(bytes);
    }
  }
}
