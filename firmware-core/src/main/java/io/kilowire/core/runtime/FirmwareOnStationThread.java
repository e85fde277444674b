package io.kilowire.core.runtime;

import io.kilowire.core.hal.FirmwareInstaller;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A firmware installer whose outcomes reach the station on its own thread, wherever the installer
 * reached them (a download completes on the HTTP client's threads).
 */
final class FirmwareOnStationThread implements FirmwareInstaller {
  private final FirmwareInstaller delegate;
  private final Executor stationThread;

  FirmwareOnStationThread(FirmwareInstaller delegate, Executor stationThread) {
    this.delegate = delegate;
    this.stationThread = stationThread;
  }

  @Override
  public String runningVersion() {
    return delegate.runningVersion();
  }

  @Override
  public List<X509Certificate> manufacturerRoots() {
    return delegate.manufacturerRoots();
  }

  @Override
  public CompletableFuture<Image> download(URI location) {
    return onStationThread(delegate.download(location));
  }

  @Override
  public CompletableFuture<String> install(Image image) {
    return onStationThread(delegate.install(image));
  }

  /** A publisher whose outcomes reach the station on its own thread. */
  static io.kilowire.core.hal.FirmwarePublisher publisher(
      io.kilowire.core.hal.FirmwarePublisher delegate, Executor stationThread) {
    return new io.kilowire.core.hal.FirmwarePublisher() {
      @Override
      public CompletableFuture<List<URI>> publish(Image image, String md5) {
        return onStationThread(delegate.publish(image, md5), stationThread);
      }

      @Override
      public boolean unpublish(String md5) {
        return delegate.unpublish(md5);
      }
    };
  }

  private <T> CompletableFuture<T> onStationThread(CompletableFuture<T> outcome) {
    return onStationThread(outcome, stationThread);
  }

  /** {@code outcome}, completed on the station's thread (also for log uploads). */
  static <T> CompletableFuture<T> onStationThread(
      CompletableFuture<T> outcome, Executor stationThread) {
    CompletableFuture<T> here = new CompletableFuture<>();
    outcome.whenComplete(
        (value, failure) ->
            stationThread.execute(
                () -> {
                  if (failure != null) {
                    here.completeExceptionally(failure);
                  } else {
                    here.complete(value);
                  }
                }));
    return here;
  }
}
