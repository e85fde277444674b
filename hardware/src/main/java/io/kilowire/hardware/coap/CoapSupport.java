package io.kilowire.hardware.coap;

import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;

/** Californium set-up shared by the drivers (also the charger group's transport). */
public final class CoapSupport {
  private static boolean registered;

  private CoapSupport() {}

  /**
   * A fresh configuration from Californium's defaults. The standard configuration is replaced once
   * by one built without a file: Californium otherwise writes {@code Californium3.properties} into
   * whatever directory the process runs in.
   */
  public static synchronized Configuration configuration() {
    if (!registered) {
      CoapConfig.register();
      UdpConfig.register();
      Configuration.setStandard(Configuration.createStandardWithoutFile());
      registered = true;
    }
    return new Configuration(Configuration.getStandard());
  }

  /**
   * A client configuration whose confirmable requests give up within about {@code ackTimeoutMs}
   * times three, so that a registration sent to a server that is down does not occupy the exchange
   * for the default ~45 s; the site meter retries on its own schedule instead.
   */
  public static Configuration clientConfiguration(long ackTimeoutMs) {
    Configuration config = configuration();
    config.set(CoapConfig.ACK_TIMEOUT, ackTimeoutMs, TimeUnit.MILLISECONDS);
    config.set(CoapConfig.MAX_RETRANSMIT, 1);
    return config;
  }
}
