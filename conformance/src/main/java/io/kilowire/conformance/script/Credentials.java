package io.kilowire.conformance.script;

import org.jspecify.annotations.Nullable;

/**
 * What a (re)connection sends in its HTTP Basic {@code Authorization} header.
 *
 * @param variable for {@link Kind#PASSWORD_VARIABLE}: the case variable holding the password
 */
public record Credentials(Kind kind, @Nullable String variable) {
  public enum Kind {
    /** The station's configured id and password (none for security profile 0 and 3). */
    CONFIGURED,
    /** A user name other than the station id, with the configured password. */
    WRONG_USER,
    /** The station id with a random password of 16 to 40 characters. */
    RANDOM_PASSWORD,
    /** The station id with the password held in a case variable. */
    PASSWORD_VARIABLE,
    /** No Authorization header at all. */
    NONE,
    /** The configured credentials, with a self-signed client certificate the CSMS cannot trust. */
    UNTRUSTED_CLIENT_CERTIFICATE,
    /**
     * The station one security profile up, presenting the certificate the CSMS signed for it in the
     * case ({@link #UPGRADE_CERTIFICATE}, {@link #UPGRADE_KEY}).
     */
    UPGRADED
  }

  /** The case variable naming the PEM file of the certificate the CSMS signed in the case. */
  public static final String UPGRADE_CERTIFICATE = "upgradeCertificate";

  /** The case variable naming the PEM file of that certificate's key. */
  public static final String UPGRADE_KEY = "upgradeKey";

  public static Credentials upgraded() {
    return new Credentials(Kind.UPGRADED, null);
  }

  public static Credentials untrustedClientCertificate() {
    return new Credentials(Kind.UNTRUSTED_CLIENT_CERTIFICATE, null);
  }

  public static Credentials none() {
    return new Credentials(Kind.NONE, null);
  }

  public static Credentials configured() {
    return new Credentials(Kind.CONFIGURED, null);
  }

  public static Credentials wrongUser() {
    return new Credentials(Kind.WRONG_USER, null);
  }

  public static Credentials randomPassword() {
    return new Credentials(Kind.RANDOM_PASSWORD, null);
  }

  public static Credentials passwordFrom(String variable) {
    return new Credentials(Kind.PASSWORD_VARIABLE, variable);
  }
}
