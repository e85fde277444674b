package io.kilowire.core.station.firmware;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/** The locations a station fetches firmware from and uploads logs to: absolute URIs it can use. */
public final class FirmwareLocations {
  private FirmwareLocations() {}

  /** {@code text} as an absolute URI with a scheme and a host; empty when it is not one. */
  public static Optional<URI> parse(String text) {
    try {
      URI uri = new URI(text.trim());
      if (uri.getScheme() == null || uri.getHost() == null) {
        return Optional.empty();
      }
      return Optional.of(uri);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  /** The scheme in upper case, as FileTransferProtocols spells it (HTTP, HTTPS, FTP, ...). */
  public static String protocol(URI uri) {
    String scheme = uri.getScheme();
    return scheme == null ? "" : scheme.toUpperCase(Locale.ROOT);
  }
}
