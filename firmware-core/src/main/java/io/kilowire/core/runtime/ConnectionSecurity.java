package io.kilowire.core.runtime;

import io.kilowire.core.configuration.Configuration;
import io.kilowire.core.configuration.Key;
import io.kilowire.core.ocpp.v16.ChangeConfigurationResponse;
import io.kilowire.core.ocpp.v16.ConfigurationStatus;
import io.kilowire.core.station.certificates.CertificateUse;
import io.kilowire.core.station.certificates.Certificates;
import io.kilowire.core.store.SnapshotStore;
import io.kilowire.core.transport.TransportConfig;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The station's side of its connection's security while it runs: a password the CSMS writes (2.0.1
 * BasicAuthPassword, 1.6 AuthorizationKey; A01) and a security profile it raises (the 1.6 security
 * extension's SecurityProfile; A05) are kept, laid over the transport configuration and used by a
 * new connection opened right after the reply.
 */
final class ConnectionSecurity {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionSecurity.class);

  /** The snapshot holding a raised security profile (the key itself is the transport's, fixed). */
  static final String PROFILE_SNAPSHOT = "security-profile";

  private final TransportCredentials credentials;
  private final SnapshotStore snapshots;
  private final Supplier<TransportConfig> inForce;
  private final Runnable reconnectAfterReply;

  ConnectionSecurity(
      TransportCredentials credentials,
      SnapshotStore snapshots,
      Supplier<TransportConfig> inForce,
      Runnable reconnectAfterReply) {
    this.credentials = credentials;
    this.snapshots = snapshots;
    this.inForce = inForce;
    this.reconnectAfterReply = reconnectAfterReply;
  }

  /**
   * Uses the stored password, and each new one from the next connection, opened at once when the
   * profile in force sends it (A01 steps 3-4). The password itself is never logged (A01.FR.12).
   */
  void followPassword(Configuration configuration, Key<String> key) {
    if (!configuration.contains(key)) {
      return;
    }
    credentials.password(configuration.get(key));
    configuration.onAnyChange(
        changed -> {
          if (changed.name().equals(key.name())) {
            credentials.password(configuration.get(key));
            LOG.info("the CSMS set a new {}; reconnecting with it", key.name());
            if (inForce.get().usesBasicAuth()) {
              reconnectAfterReply.run();
            }
          }
        });
  }

  /** A security profile raised before a restart stays raised. */
  void restoreProfile() {
    Optional<byte[]> saved = snapshots.read(PROFILE_SNAPSHOT);
    if (saved.isPresent()) {
      try {
        credentials.securityProfile(
            Integer.parseInt(new String(saved.get(), StandardCharsets.US_ASCII).trim()));
      } catch (NumberFormatException e) {
        LOG.warn("the saved security profile is damaged; using the configured one");
      }
    }
  }

  /**
   * The 1.6 security extension's ChangeConfiguration SecurityProfile: only upward (no downgrade
   * through OCPP), and only with what the new profile needs — a password from 1, a valid CSMS root
   * from 2, a valid station certificate for 3; then kept and used by a new connection at once.
   */
  ChangeConfigurationResponse changeSecurityProfile(
      String value, Certificates certificates, Configuration keys, Key<Integer> key) {
    int profile;
    try {
      profile = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return new ChangeConfigurationResponse(ConfigurationStatus.REJECTED);
    }
    TransportConfig now = inForce.get();
    String missing =
        profile <= now.securityProfile() || profile > 3
            ? "it is not above the profile in force, " + now.securityProfile()
            : profile <= 2 && now.basicAuthPassword() == null
                ? "no password (AuthorizationKey) is set"
                : profile >= 2 && !certificates.hasValid(CertificateUse.CSMS_ROOT)
                    ? "no valid CentralSystemRootCertificate is installed"
                    : profile == 3 && !certificates.hasValid(CertificateUse.STATION)
                        ? "the station has no valid certificate"
                        : null;
    if (missing != null) {
      LOG.info("SecurityProfile {} rejected: {}", profile, missing);
      return new ChangeConfigurationResponse(ConfigurationStatus.REJECTED);
    }
    credentials.securityProfile(profile);
    snapshots.write(
        PROFILE_SNAPSHOT, Integer.toString(profile).getBytes(StandardCharsets.US_ASCII));
    keys.set(key, profile);
    LOG.info("security profile raised to {}; reconnecting with it", profile);
    reconnectAfterReply.run();
    return new ChangeConfigurationResponse(ConfigurationStatus.ACCEPTED);
  }
}
