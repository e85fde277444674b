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

  private <T> CompletableFuture<T> onStationThread(CompletableFuture<T> outcome) {
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
