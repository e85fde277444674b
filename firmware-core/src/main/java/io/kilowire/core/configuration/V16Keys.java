package io.kilowire.core.configuration;

import static io.kilowire.core.configuration.ValueType.bool;
import static io.kilowire.core.configuration.ValueType.integer;
import static io.kilowire.core.configuration.ValueType.memberList;
import static io.kilowire.core.configuration.ValueType.nonNegativeInteger;
import static io.kilowire.core.configuration.ValueType.string;

import io.kilowire.core.ocpp.v16.Measurand;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The OCPP 1.6 configuration keys a Kilowire station has: the Core profile (OCPP 1.6 §9.1), Local
 * Auth List Management (§9.2), Smart Charging (§9.4), MessageTimeout (errata v4.0) and the security
 * whitepaper's SecurityProfile and certificate keys, Reservation (§9.3). Only keys whose behaviour
 * the station has are listed: no Firmware Management keys, no optional Core key for something the
 * station does not do (BlinkRepeat, LightIntensity, MaxEnergyOnInvalidId, MinimumStatusDuration);
 * they come back with their behaviour. Keys the specification marks read-only are {@link
 * Key#asConstant() constants} the station maker sets through {@link Configuration.Builder#initial};
 * optional keys a station lacks are dropped with {@link Configuration.Builder#without}.
 *
 * <p>Defaults are Kilowire's choices where the specification leaves them open.
 */
public final class V16Keys {
  private V16Keys() {}

  /** Longest value a KeyValue or ChangeConfiguration.req carries. */
  public static final int MAX_VALUE_LENGTH = 500;

  /** The 1.6 feature profiles, as SupportedFeatureProfiles spells them. */
  public static final List<String> FEATURE_PROFILES =
      List.of(
          "Core",
          "FirmwareManagement",
          "LocalAuthListManagement",
          "Reservation",
          "SmartCharging",
          "RemoteTrigger");

  /**
   * The profiles whose CSMS-initiated actions every station answers; FirmwareManagement only one
   * with a firmware installer and a log uploader ({@link #WITH_FIRMWARE_MANAGEMENT}).
   */
  public static final List<String> IMPLEMENTED_FEATURE_PROFILES =
      List.of("Core", "LocalAuthListManagement", "Reservation", "SmartCharging", "RemoteTrigger");

  /** The profiles of a station that also updates its firmware and uploads diagnostics. */
  public static final List<String> WITH_FIRMWARE_MANAGEMENT =
      List.of(
          "Core",
          "FirmwareManagement",
          "LocalAuthListManagement",
          "Reservation",
          "SmartCharging",
          "RemoteTrigger");

  private static final List<String> MEASURANDS =
      Arrays.stream(Measurand.values()).map(Measurand::value).toList();

  private static final Pattern PHASE_ROTATION =
      Pattern.compile("(\\d+\\.)?(NotApplicable|Unknown|RST|RTS|SRT|STR|TRS|TSR)");

  private static ValueType<List<String>> measurands() {
    return SentMeasurands.listType(MEASURANDS, MAX_VALUE_LENGTH);
  }

  // ---- Limits of list keys: defined first because the list keys' rules refer to them.

  public static final Key<Integer> CONNECTOR_PHASE_ROTATION_MAX_LENGTH =
      Key.of("ConnectorPhaseRotationMaxLength", nonNegativeInteger(), 10).asConstant();
  public static final Key<Integer> METER_VALUES_ALIGNED_DATA_MAX_LENGTH =
      Key.of("MeterValuesAlignedDataMaxLength", nonNegativeInteger(), 10).asConstant();
  public static final Key<Integer> METER_VALUES_SAMPLED_DATA_MAX_LENGTH =
      Key.of("MeterValuesSampledDataMaxLength", nonNegativeInteger(), 10).asConstant();

  /** 0: the station's StopTransaction carries no transactionData, so the list takes nothing. */
  public static final Key<Integer> STOP_TXN_ALIGNED_DATA_MAX_LENGTH =
      Key.of("StopTxnAlignedDataMaxLength", nonNegativeInteger(), 0).asConstant();

  /** 0: the station's StopTransaction carries no transactionData, so the list takes nothing. */
  public static final Key<Integer> STOP_TXN_SAMPLED_DATA_MAX_LENGTH =
      Key.of("StopTxnSampledDataMaxLength", nonNegativeInteger(), 0).asConstant();

  public static final Key<Integer> SUPPORTED_FEATURE_PROFILES_MAX_LENGTH =
      Key.of("SupportedFeatureProfilesMaxLength", nonNegativeInteger(), 6).asConstant();

  // ---- Core profile

  public static final Key<Boolean> ALLOW_OFFLINE_TX_FOR_UNKNOWN_ID =
      Key.of("AllowOfflineTxForUnknownId", bool(), false).readWrite();
  public static final Key<Boolean> AUTHORIZATION_CACHE_ENABLED =
      Key.of("AuthorizationCacheEnabled", bool(), true).readWrite();

  /** The specification lets the station choose R or RW; replace with {@code readOnly()} for R. */
  public static final Key<Boolean> AUTHORIZE_REMOTE_TX_REQUESTS =
      Key.of("AuthorizeRemoteTxRequests", bool(), false).readWrite().mandatory();

  public static final Key<Integer> CLOCK_ALIGNED_DATA_INTERVAL =
      Key.of("ClockAlignedDataInterval", nonNegativeInteger(), 0).readWrite().unit("s").mandatory();
  public static final Key<Integer> CONNECTION_TIME_OUT =
      Key.of("ConnectionTimeOut", nonNegativeInteger(), 60).readWrite().unit("s").mandatory();
  public static final Key<List<String>> CONNECTOR_PHASE_ROTATION =
      Key.of(
              "ConnectorPhaseRotation",
              memberList(PHASE_ROTATION, "a phase rotation like 1.RST", MAX_VALUE_LENGTH),
              List.of("Unknown"))
          .readWrite()
          .mandatory()
          .rule(Rule.maxMembers(CONNECTOR_PHASE_ROTATION_MAX_LENGTH));
  public static final Key<Integer> GET_CONFIGURATION_MAX_KEYS =
      Key.of("GetConfigurationMaxKeys", integer(1, Integer.MAX_VALUE), 60).asConstant().mandatory();

  /** The BootNotification answer's interval sets it (OCPP 1.6 §4.2); a CSMS may change it. */
  public static final Key<Integer> HEARTBEAT_INTERVAL =
      Key.of("HeartbeatInterval", nonNegativeInteger(), 3600).readWrite().unit("s").mandatory();

  public static final Key<Boolean> LOCAL_AUTHORIZE_OFFLINE =
      Key.of("LocalAuthorizeOffline", bool(), true).readWrite().mandatory();
  public static final Key<Boolean> LOCAL_PRE_AUTHORIZE =
      Key.of("LocalPreAuthorize", bool(), false).readWrite().mandatory();
  public static final Key<List<String>> METER_VALUES_ALIGNED_DATA =
      Key.of("MeterValuesAlignedData", measurands(), List.of("Energy.Active.Import.Register"))
          .readWrite()
          .mandatory()
          .rule(Rule.maxMembers(METER_VALUES_ALIGNED_DATA_MAX_LENGTH));
  public static final Key<List<String>> METER_VALUES_SAMPLED_DATA =
      Key.of("MeterValuesSampledData", measurands(), List.of("Energy.Active.Import.Register"))
          .readWrite()
          .mandatory()
          .rule(Rule.maxMembers(METER_VALUES_SAMPLED_DATA_MAX_LENGTH));
  public static final Key<Integer> METER_VALUE_SAMPLE_INTERVAL =
      Key.of("MeterValueSampleInterval", nonNegativeInteger(), 60)
          .readWrite()
          .unit("s")
          .mandatory();
  public static final Key<Integer> NUMBER_OF_CONNECTORS =
      Key.of("NumberOfConnectors", nonNegativeInteger(), 1).asConstant().mandatory();
  public static final Key<Integer> RESET_RETRIES =
      Key.of("ResetRetries", nonNegativeInteger(), 3).readWrite().unit("times").mandatory();
  public static final Key<Boolean> STOP_TRANSACTION_ON_EV_SIDE_DISCONNECT =
      Key.of("StopTransactionOnEVSideDisconnect", bool(), true).readWrite().mandatory();
  public static final Key<Boolean> STOP_TRANSACTION_ON_INVALID_ID =
      Key.of("StopTransactionOnInvalidId", bool(), true).readWrite().mandatory();
  public static final Key<List<String>> STOP_TXN_ALIGNED_DATA =
      Key.of("StopTxnAlignedData", measurands(), List.<String>of())
          .readWrite()
          .mandatory()
          .rule(Rule.maxMembers(STOP_TXN_ALIGNED_DATA_MAX_LENGTH));
  public static final Key<List<String>> STOP_TXN_SAMPLED_DATA =
      Key.of("StopTxnSampledData", measurands(), List.<String>of())
          .readWrite()
          .mandatory()
          .rule(Rule.maxMembers(STOP_TXN_SAMPLED_DATA_MAX_LENGTH));
  public static final Key<List<String>> SUPPORTED_FEATURE_PROFILES =
      Key.of(
              "SupportedFeatureProfiles",
              memberList(FEATURE_PROFILES, MAX_VALUE_LENGTH),
              IMPLEMENTED_FEATURE_PROFILES)
          .asConstant()
          .mandatory();
  public static final Key<Integer> TRANSACTION_MESSAGE_ATTEMPTS =
      Key.of("TransactionMessageAttempts", nonNegativeInteger(), 3)
          .readWrite()
          .unit("times")
          .mandatory();
  public static final Key<Integer> TRANSACTION_MESSAGE_RETRY_INTERVAL =
      Key.of("TransactionMessageRetryInterval", nonNegativeInteger(), 60)
          .readWrite()
          .unit("s")
          .mandatory();
  public static final Key<Boolean> UNLOCK_CONNECTOR_ON_EV_SIDE_DISCONNECT =
      Key.of("UnlockConnectorOnEVSideDisconnect", bool(), true).readWrite().mandatory();

  /**
   * The transport's ping interval (0: no pings), set by the runtime from its transport
   * configuration. Read-only: the open connection cannot change it, and a write the station does
   * not apply would tell the CSMS a value that is not in force.
   */
  public static final Key<Integer> WEB_SOCKET_PING_INTERVAL =
      Key.of("WebSocketPingInterval", nonNegativeInteger(), 60).asConstant().unit("s");

  // ---- Local Auth List Management profile

  public static final Key<Boolean> LOCAL_AUTH_LIST_ENABLED =
      Key.of("LocalAuthListEnabled", bool(), true).readWrite().mandatory();
  public static final Key<Integer> LOCAL_AUTH_LIST_MAX_LENGTH =
      Key.of("LocalAuthListMaxLength", nonNegativeInteger(), 1000).asConstant().mandatory();
  public static final Key<Integer> SEND_LOCAL_LIST_MAX_LENGTH =
      Key.of("SendLocalListMaxLength", nonNegativeInteger(), 100).asConstant().mandatory();

  // ---- Smart Charging profile

  // The station's SetChargingProfile applies these three (StationSettings, SettingsParameters).
  public static final Key<Integer> CHARGE_PROFILE_MAX_STACK_LEVEL =
      Key.of("ChargeProfileMaxStackLevel", nonNegativeInteger(), 8).asConstant().mandatory();
  public static final Key<List<String>> CHARGING_SCHEDULE_ALLOWED_CHARGING_RATE_UNIT =
      Key.of(
              "ChargingScheduleAllowedChargingRateUnit",
              memberList(List.of("Current", "Power"), MAX_VALUE_LENGTH),
              List.of("Current", "Power"))
          .asConstant()
          .mandatory();
  public static final Key<Integer> CHARGING_SCHEDULE_MAX_PERIODS =
      Key.of("ChargingScheduleMaxPeriods", nonNegativeInteger(), 24).asConstant().mandatory();
  public static final Key<Boolean> CONNECTOR_SWITCH_3_TO_1_PHASE_SUPPORTED =
      Key.of("ConnectorSwitch3to1PhaseSupported", bool(), false).asConstant();
  public static final Key<Integer> MAX_CHARGING_PROFILES_INSTALLED =
      Key.of("MaxChargingProfilesInstalled", nonNegativeInteger(), 24).asConstant().mandatory();

  // ---- Reservation profile

  /** A reservation on connector 0 holds any connector (the station keeps one free for it). */
  public static final Key<Boolean> RESERVE_CONNECTOR_ZERO_SUPPORTED =
      Key.of("ReserveConnectorZeroSupported", bool(), true).asConstant();

  // ---- Errata v4.0

  /**
   * How long the station waits for the answer to its own CALL: the runtime gives it to the
   * connection, which cannot change it while open, so it is read-only.
   */
  public static final Key<Integer> MESSAGE_TIMEOUT =
      Key.of("MessageTimeout", integer(1, Integer.MAX_VALUE), 30).asConstant().unit("s");

  // ---- Security whitepaper, edition 2

  /**
   * 0 (none) to 3: the profile the transport connects with, set by the runtime. Read-only, as the
   * station cannot move to another profile while it runs (that takes new credentials and a new
   * connection).
   */
  public static final Key<Integer> SECURITY_PROFILE =
      Key.of("SecurityProfile", integer(0, 3), 0).asConstant();

  /**
   * The HTTP Basic password for security profiles 1 and 2: write-only, so the CSMS never reads a
   * secret back; 16 to 20 bytes as hex digits. The station sends these digits as its password (as
   * EVerest and SteVe do), from the next connection on, which it opens at once.
   */
  public static final Key<String> AUTHORIZATION_KEY =
      Key.of("AuthorizationKey", string(40), "")
          .writeOnly()
          .rule(
              Rule.matches(
                  java.util.regex.Pattern.compile("([0-9a-fA-F]{2}){16,20}"),
                  "16 to 20 bytes as hexadecimal digits"));

  /** Only one CentralSystemRootCertificate at a time: not enforced, so false and read-only. */
  public static final Key<Boolean> ADDITIONAL_ROOT_CERTIFICATE_CHECK =
      Key.of("AdditionalRootCertificateCheck", bool(), false).asConstant();

  /** The longest certificateChain a CertificateSigned.req may carry, in characters. */
  public static final Key<Integer> CERTIFICATE_SIGNED_MAX_CHAIN_SIZE =
      Key.of("CertificateSignedMaxChainSize", integer(0, 10_000), 10_000).asConstant();

  /** How many certificates the station keeps installed at most. */
  public static final Key<Integer> CERTIFICATE_STORE_MAX_LENGTH =
      Key.of("CertificateStoreMaxLength", nonNegativeInteger(), 20).asConstant();

  /** Becomes the O of the station's certificate signing request; X.520 bounds it at 64. */
  public static final Key<String> CPO_NAME = Key.of("CpoName", string(64), "").readWrite();

  /** Every key, in the order GetConfiguration reports them. */
  public static final List<Key<?>> ALL =
      List.of(
          ALLOW_OFFLINE_TX_FOR_UNKNOWN_ID,
          AUTHORIZATION_CACHE_ENABLED,
          AUTHORIZE_REMOTE_TX_REQUESTS,
          CLOCK_ALIGNED_DATA_INTERVAL,
          CONNECTION_TIME_OUT,
          CONNECTOR_PHASE_ROTATION,
          CONNECTOR_PHASE_ROTATION_MAX_LENGTH,
          GET_CONFIGURATION_MAX_KEYS,
          HEARTBEAT_INTERVAL,
          LOCAL_AUTHORIZE_OFFLINE,
          LOCAL_PRE_AUTHORIZE,
          METER_VALUES_ALIGNED_DATA,
          METER_VALUES_ALIGNED_DATA_MAX_LENGTH,
          METER_VALUES_SAMPLED_DATA,
          METER_VALUES_SAMPLED_DATA_MAX_LENGTH,
          METER_VALUE_SAMPLE_INTERVAL,
          NUMBER_OF_CONNECTORS,
          RESET_RETRIES,
          STOP_TRANSACTION_ON_EV_SIDE_DISCONNECT,
          STOP_TRANSACTION_ON_INVALID_ID,
          STOP_TXN_ALIGNED_DATA,
          STOP_TXN_ALIGNED_DATA_MAX_LENGTH,
          STOP_TXN_SAMPLED_DATA,
          STOP_TXN_SAMPLED_DATA_MAX_LENGTH,
          SUPPORTED_FEATURE_PROFILES,
          SUPPORTED_FEATURE_PROFILES_MAX_LENGTH,
          TRANSACTION_MESSAGE_ATTEMPTS,
          TRANSACTION_MESSAGE_RETRY_INTERVAL,
          UNLOCK_CONNECTOR_ON_EV_SIDE_DISCONNECT,
          WEB_SOCKET_PING_INTERVAL,
          LOCAL_AUTH_LIST_ENABLED,
          LOCAL_AUTH_LIST_MAX_LENGTH,
          SEND_LOCAL_LIST_MAX_LENGTH,
          CHARGE_PROFILE_MAX_STACK_LEVEL,
          CHARGING_SCHEDULE_ALLOWED_CHARGING_RATE_UNIT,
          CHARGING_SCHEDULE_MAX_PERIODS,
          CONNECTOR_SWITCH_3_TO_1_PHASE_SUPPORTED,
          MAX_CHARGING_PROFILES_INSTALLED,
          RESERVE_CONNECTOR_ZERO_SUPPORTED,
          MESSAGE_TIMEOUT,
          SECURITY_PROFILE,
          AUTHORIZATION_KEY,
          ADDITIONAL_ROOT_CERTIFICATE_CHECK,
          CERTIFICATE_SIGNED_MAX_CHAIN_SIZE,
          CERTIFICATE_STORE_MAX_LENGTH,
          CPO_NAME);

  /** All keys, with NumberOfConnectors taken from the layout. */
  public static Configuration.Builder builder(StationLayout layout) {
    return Configuration.builder(ALL).initial(NUMBER_OF_CONNECTORS, layout.connectorCount());
  }
}
