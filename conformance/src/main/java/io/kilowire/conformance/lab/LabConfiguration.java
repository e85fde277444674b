package io.kilowire.conformance.lab;

import io.kilowire.conformance.script.TokenRole;
import io.kilowire.core.ocpp.OcppVersion;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a lab tells the suite about the CSMS under test (see docs/CONFORMANCE.md, "The lab
 * configuration"). Immutable; {@link LabConfigurationParser} reads it from a file and names the
 * field of any problem.
 *
 * @param csms the CSMS base URL; a station's id is appended
 * @param stations the stations the CSMS knows, at least one
 * @param evses the EVSEs the stations have; the first is the one the cases use
 * @param tokens the tokens the CSMS knows, by role
 * @param features the optional CSMS features (Part 5 ids) and PICS answers the lab declares
 * @param driver how trigger steps reach the CSMS: prompt, exec:CMD, http:URL or builtin (the
 *     sandbox's own)
 * @param identity the vendor and model the station reports at boot
 * @param smartCharging the values the smart-charging cases expect the CSMS to use
 * @param networkProfile the connection data the B09 cases expect the CSMS to send
 * @param contracts the ISO 15118 contract root and OCSP responder of the C07 cases; null: none
 */
public record LabConfiguration(
    URI csms,
    OcppVersion protocol,
    List<Station> stations,
    List<Evse> evses,
    Map<TokenRole, Token> tokens,
    Set<String> features,
    String driver,
    Timeouts timeouts,
    Identity identity,
    SmartCharging smartCharging,
    NetworkProfile networkProfile,
    @Nullable Contracts contracts) {

  public LabConfiguration {
    Objects.requireNonNull(csms, "csms");
    stations = List.copyOf(stations);
    evses = List.copyOf(evses);
    Map<TokenRole, Token> copy = new EnumMap<>(TokenRole.class);
    copy.putAll(tokens);
    for (TokenRole role : TokenRole.values()) {
      if (!copy.containsKey(role)) {
        throw new IllegalArgumentException("tokens." + role.key() + " is missing");
      }
    }
    tokens = Map.copyOf(copy);
    features = Set.copyOf(features);
    if (stations.isEmpty()) {
      throw new IllegalArgumentException("stations must list at least one station");
    }
    if (evses.isEmpty()) {
      throw new IllegalArgumentException("evses must list at least one EVSE");
    }
  }

  /**
   * A station the CSMS knows: its identity, security profile, (profiles 1, 2) password and (2, 3)
   * TLS material: the CA certificates the CSMS's certificate chains to (null: the JVM's trust
   * store), and (3) its client certificate chain and key, all PEM files.
   */
  public record Station(
      String id,
      int securityProfile,
      @Nullable String password,
      java.nio.file.@Nullable Path caCertificate,
      java.nio.file.@Nullable Path clientCertificate,
      java.nio.file.@Nullable Path clientKey) {
    public Station(String id, int securityProfile, @Nullable String password) {
      this(id, securityProfile, password, null, null, null);
    }

    /** This station presenting another client certificate. */
    public Station withClientCertificate(java.nio.file.Path certificate, java.nio.file.Path key) {
      return new Station(id, securityProfile, password, caCertificate, certificate, key);
    }

    /** This station on another security profile (with the same material). */
    public Station onProfile(int profile) {
      return new Station(id, profile, password, caCertificate, clientCertificate, clientKey);
    }

    /** Keeps the password out of logs. */
    @Override
    public String toString() {
      return "Station[" + id + ", profile " + securityProfile + "]";
    }
  }

  /** An EVSE and its number of connectors. */
  public record Evse(int id, int connectors) {}

  /** A token: its id (1.6: the idTag) and 2.0.1 type. */
  public record Token(String idToken, String type) {}

  /**
   * @param trigger how long the CSMS has to send what a trigger asked for
   * @param response how long the CSMS has to answer a CALL
   * @param meterValues the interval of the clock-aligned and sampled meter values the station side
   *     sends (block J)
   * @param reservation how long the reservation of an expiry case (TC_H_07, TC_047) lasts; the case
   *     waits it out
   */
  public record Timeouts(
      Duration trigger, Duration response, Duration meterValues, Duration reservation) {
    /** These timeouts, the meter value interval {@code interval}. */
    public Timeouts withMeterValues(Duration interval) {
      return new Timeouts(trigger, response, interval, reservation);
    }

    /** These timeouts, reservations lasting {@code time}. */
    public Timeouts withReservation(Duration time) {
      return new Timeouts(trigger, response, meterValues, time);
    }
  }

  public record Identity(String vendorName, String model) {}

  /**
   * @param chargingRateUnit A or W
   * @param numberPhases the phases the CSMS is expected to put in profiles
   * @param duration the schedule duration the CSMS is expected to use, in seconds
   * @param stackLevel the stack level of the first profile
   * @param stackLevel2 the stack level of the second profile (TC_K_70)
   * @param recurrencyKind Daily or Weekly (TC_K_19)
   * @param chargingProfilePurpose what GetChargingProfiles asks for (TC_K_29, TC_K_35, TC_K_36)
   * @param chargingLimitSource what GetChargingProfiles asks for (TC_K_34)
   */
  public record SmartCharging(
      String chargingRateUnit,
      int numberPhases,
      int duration,
      int stackLevel,
      int stackLevel2,
      String recurrencyKind,
      String chargingProfilePurpose,
      String chargingLimitSource) {}

  /**
   * @param configurationSlot the slot the CSMS is expected to write
   * @param ocppCsmsUrl the URL it is expected to send
   * @param messageTimeout in seconds
   * @param ocppInterface Wired0, Wireless0, ...
   */
  public record NetworkProfile(
      int configurationSlot, String ocppCsmsUrl, int messageTimeout, String ocppInterface) {}

  /**
   * The mobility operator's side of the ISO 15118 contract cases: a root the CSMS trusts as a V2G
   * or MO root and its key (PEM files; the suite issues contract certificates under it), and where
   * the suite's OCSP responder listens (the URL the certificates name; port 0: any free port).
   */
  public record Contracts(
      java.nio.file.Path rootCertificate, java.nio.file.Path rootKey, URI ocspResponder) {}

  /** This configuration with {@code c} as its contract material. */
  public LabConfiguration withContracts(@Nullable Contracts c) {
    return new LabConfiguration(
        csms,
        protocol,
        stations,
        evses,
        tokens,
        features,
        driver,
        timeouts,
        identity,
        smartCharging,
        networkProfile,
        c);
  }

  /** This configuration with another CSMS URL (a {@code --csms} flag). */
  public LabConfiguration withCsms(URI url) {
    return new LabConfiguration(
        url,
        protocol,
        stations,
        evses,
        tokens,
        features,
        driver,
        timeouts,
        identity,
        smartCharging,
        networkProfile,
        contracts);
  }

  /** This configuration with another protocol (a {@code --protocol} flag). */
  public LabConfiguration withProtocol(OcppVersion version) {
    return new LabConfiguration(
        csms,
        version,
        stations,
        evses,
        tokens,
        features,
        driver,
        timeouts,
        identity,
        smartCharging,
        networkProfile,
        contracts);
  }

  /** This configuration with another driver (a {@code --driver} flag). */
  public LabConfiguration withDriver(String spec) {
    return new LabConfiguration(
        csms,
        protocol,
        stations,
        evses,
        tokens,
        features,
        spec,
        timeouts,
        identity,
        smartCharging,
        networkProfile,
        contracts);
  }

  /** This configuration with other timeouts. */
  public LabConfiguration withTimeouts(Timeouts t) {
    return new LabConfiguration(
        csms,
        protocol,
        stations,
        evses,
        tokens,
        features,
        driver,
        t,
        identity,
        smartCharging,
        networkProfile,
        contracts);
  }

  /** The first station of {@code securityProfile}, if any. */
  public Optional<Station> stationWithProfile(int securityProfile) {
    return stations.stream().filter(s -> s.securityProfile() == securityProfile).findFirst();
  }
}
