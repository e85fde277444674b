package io.kilowire.core.hal;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A local controller's file server (OCPP 2.0.1 L03/L04): it serves a downloaded firmware image to
 * the charging stations behind it, under every protocol it has, until told to stop. The station
 * fetches the image (through its {@link FirmwareInstaller}) and checks its MD5 checksum first.
 *
 * <p>The futures complete on the station's thread, as the installer's do.
 */
public interface FirmwarePublisher {
  /** Serves {@code image}, known by its {@code md5}; completes with the URIs it is served at. */
  CompletableFuture<List<URI>> publish(FirmwareInstaller.Image image, String md5);

  /** Stops serving the image with {@code md5}; false if none was served. */
  boolean unpublish(String md5);
}
