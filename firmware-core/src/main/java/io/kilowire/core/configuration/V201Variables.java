package io.kilowire.core.configuration;

import static io.kilowire.core.configuration.ValueType.bool;
import static io.kilowire.core.configuration.ValueType.decimal;
import static io.kilowire.core.configuration.ValueType.integer;
import static io.kilowire.core.configuration.ValueType.memberList;
import static io.kilowire.core.configuration.ValueType.nonNegativeInteger;
import static io.kilowire.core.configuration.ValueType.optionList;
import static io.kilowire.core.configuration.ValueType.string;

import io.kilowire.core.ocpp.v201.Connector;
import io.kilowire.core.ocpp.v201.Measurand;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The standardized OCPP 2.0.1 components and variables a Kilowire station reports (OCPP 2.0.1 part
 * 2 appendices, chapter 3). Station-wide components are constants, grouped by component; EVSE and
 * connector variables are built from the {@link StationLayout}. Defaults are Kilowire's choices
 * where the specification leaves them open.
 *
 * <p>Only variables whose behaviour the station has are listed, so a CSMS reading the model learns
 * what the station does: nothing about file transfer, network profiles, certificates or reading
 * signatures, and no switch the station would accept and then ignore. They come back with their
 * behaviour.
 */
public final class V201Variables {
  private V201Variables() {}

  // Immutable, so the stations of one layout share one list (thousands in an emulator).
  private static final SharedDefinitions<StationLayout, List<DeviceVariable<?>>> STANDARD =
      new SharedDefinitions<>(V201Variables::made);

  /** Everything for {@code layout}, in report order. */
  public static List<DeviceVariable<?>> standard(StationLayout layout) {
    return STANDARD.get(layout);
  }

  private static List<DeviceVariable<?>> made(StationLayout layout) {
    List<DeviceVariable<?>> all = new ArrayList<>();
    all.addAll(ChargingStation.all(layout));
    for (StationLayout.Evse evse : layout.evses()) {
      all.addAll(EvseVariables.all(evse));
      for (StationLayout.Connector connector : evse.connectors()) {
        all.addAll(ConnectorVariables.all(evse, connector));
      }
    }
    all.addAll(OcppCommCtrlr.ALL);
    all.addAll(TxCtrlr.ALL);
    all.addAll(AuthCtrlr.ALL);
    all.addAll(AuthCacheCtrlr.ALL);
    all.addAll(LocalAuthListCtrlr.ALL);
    all.addAll(SampledDataCtrlr.ALL);
    all.addAll(AlignedDataCtrlr.ALL);
    all.addAll(SmartChargingCtrlr.ALL);
    all.addAll(ReservationCtrlr.ALL);
    all.addAll(SecurityCtrlr.ALL);
    all.addAll(Iso15118Ctrlr.ALL);
    all.addAll(MonitoringCtrlr.ALL);
    all.addAll(DisplayMessageCtrlr.ALL);
    all.addAll(TariffCostCtrlr.ALL);
    all.addAll(DeviceDataCtrlr.ALL);
    return List.copyOf(all);
  }

  static final List<String> MEASURANDS =
      Arrays.stream(Measurand.values()).map(Measurand::value).toList();
  static final List<String> AVAILABILITY_STATES =
      List.of("Available", "Occupied", "Reserved", "Unavailable", "Faulted");

  /** TxStartPoint and TxStopPoint members (OCPP 2.0.1 E, "transaction start and stop points"). */
  public static final List<String> TX_POINTS =
      List.of(
          "ParkingBayOccupancy",
          "EVConnected",
          "Authorized",
          "DataSigned",
          "PowerPathClosed",
          "EnergyTransfer");

  /**
   * The start points the station honours (SettingsParameters): the cable (a parking bay sensor
   * counts as the cable), the token, or both (PowerPathClosed). It has no signed meter data and
   * does not wait for energy to flow.
   */
  static final List<String> TX_START_POINTS =
      List.of("ParkingBayOccupancy", "EVConnected", "Authorized", "PowerPathClosed");

  private static final UnaryOperator<Key<Integer>> RW_SECONDS =
      k -> k.readWrite().unit("s").mandatory();
  private static final UnaryOperator<Key<Integer>> TRANSPORT_SECONDS =
      k -> k.asConstant().unit("s").mandatory();

  private static <T> DeviceVariable<T> variable(
      ComponentId component,
      String name,
      ValueType<T> type,
      T defaultValue,
      UnaryOperator<Key<T>> shape) {
    return DeviceVariable.of(component, VariableId.of(name), type, defaultValue, shape);
  }

  private static <T> DeviceVariable<T> variable(
      ComponentId component,
      String name,
      String instance,
      ValueType<T> type,
      T defaultValue,
      UnaryOperator<Key<T>> shape) {
    return DeviceVariable.of(component, VariableId.of(name, instance), type, defaultValue, shape);
  }

  private static ValueType<List<String>> measurands() {
    return SentMeasurands.listType(MEASURANDS, ValueType.DEFAULT_MAX_LIST_LENGTH);
  }

  private static final List<String> ENERGY_REGISTER = List.of("Energy.Active.Import.Register");

  /** Communication with the CSMS: heartbeats, timeouts, retries, reconnect back-off. */
  public static final class OcppCommCtrlr {
    private OcppCommCtrlr() {}

    public static final ComponentId ID = ComponentId.of("OCPPCommCtrlr");

    /** The BootNotification answer's interval sets it; a CSMS may change it. */
    public static final DeviceVariable<Integer> HEARTBEAT_INTERVAL =
        variable(ID, "HeartbeatInterval", nonNegativeInteger(), 3600, k -> k.readWrite().unit("s"));

    /** How long the station waits for an answer; the runtime gives it to the connection. */
    public static final DeviceVariable<Integer> MESSAGE_TIMEOUT =
        variable(
            ID,
            "MessageTimeout",
            "Default",
            integer(1, Integer.MAX_VALUE),
            30,
            k -> k.asConstant().unit("s").mandatory());

    public static final DeviceVariable<Integer> MESSAGE_ATTEMPTS_TRANSACTION_EVENT =
        variable(
            ID,
            "MessageAttempts",
            "TransactionEvent",
            nonNegativeInteger(),
            3,
            k -> k.readWrite().mandatory());
    public static final DeviceVariable<Integer> MESSAGE_ATTEMPT_INTERVAL_TRANSACTION_EVENT =
        variable(
            ID, "MessageAttemptInterval", "TransactionEvent", nonNegativeInteger(), 60, RW_SECONDS);

    // The transport's settings, set by the runtime from its transport configuration; read-only,
    // as the open connection cannot change them and an ignored write would not be in force.
    public static final DeviceVariable<Integer> RETRY_BACK_OFF_RANDOM_RANGE =
        variable(ID, "RetryBackOffRandomRange", nonNegativeInteger(), 10, TRANSPORT_SECONDS);
    public static final DeviceVariable<Integer> RETRY_BACK_OFF_REPEAT_TIMES =
        variable(
            ID,
            "RetryBackOffRepeatTimes",
            nonNegativeInteger(),
            5,
            k -> k.asConstant().mandatory());
    public static final DeviceVariable<Integer> RETRY_BACK_OFF_WAIT_MINIMUM =
        variable(ID, "RetryBackOffWaitMinimum", nonNegativeInteger(), 10, TRANSPORT_SECONDS);

    /** 0: no pings. */
    public static final DeviceVariable<Integer> WEB_SOCKET_PING_INTERVAL =
        variable(ID, "WebSocketPingInterval", nonNegativeInteger(), 60, TRANSPORT_SECONDS);

    /** The configuration slots in the order the station tries them after a reboot (B10). */
    public static final DeviceVariable<List<String>> NETWORK_CONFIGURATION_PRIORITY =
        variable(
            ID,
            "NetworkConfigurationPriority",
            memberList(List.of("1", "2", "3")),
            List.of("1"),
            k -> k.readWrite().afterReboot().mandatory());

    /** Attempts on each slot before the next (B10.FR.03). */
    public static final DeviceVariable<Integer> NETWORK_PROFILE_CONNECTION_ATTEMPTS =
        variable(
            ID,
            "NetworkProfileConnectionAttempts",
            integer(1, 100),
            3,
            k -> k.readWrite().mandatory());

    /**
     * How the station fetches firmware and uploads logs; reported only by a station that does both
     * (the runtime adds it), since it tells a CSMS that GetLog and UpdateFirmware work.
     */
    public static final DeviceVariable<List<String>> FILE_TRANSFER_PROTOCOLS =
        variable(
            ID,
            "FileTransferProtocols",
            memberList(List.of("FTP", "FTPS", "HTTP", "HTTPS", "SFTP")),
            List.of("HTTP", "HTTPS"),
            Key::asConstant);

    public static final List<DeviceVariable<?>> ALL =
        List.of(
            NETWORK_CONFIGURATION_PRIORITY,
            NETWORK_PROFILE_CONNECTION_ATTEMPTS,
            HEARTBEAT_INTERVAL,
            MESSAGE_TIMEOUT,
            MESSAGE_ATTEMPTS_TRANSACTION_EVENT,
            MESSAGE_ATTEMPT_INTERVAL_TRANSACTION_EVENT,
            RETRY_BACK_OFF_RANDOM_RANGE,
            RETRY_BACK_OFF_REPEAT_TIMES,
            RETRY_BACK_OFF_WAIT_MINIMUM,
            WEB_SOCKET_PING_INTERVAL);
  }

  /** When transactions start and stop, and how they end on trouble. */
  public static final class TxCtrlr {
    private TxCtrlr() {}

    public static final ComponentId ID = ComponentId.of("TxCtrlr");

    public static final DeviceVariable<Boolean> STOP_TX_ON_EV_SIDE_DISCONNECT =
        variable(ID, "StopTxOnEVSideDisconnect", bool(), true, k -> k.readWrite().mandatory());
    public static final DeviceVariable<Boolean> STOP_TX_ON_INVALID_ID =
        variable(ID, "StopTxOnInvalidId", bool(), true, k -> k.readWrite().mandatory());

    /** PowerPathClosed (EV connected and authorized) is how OCPP 1.6 starts a transaction. */
    public static final DeviceVariable<List<String>> TX_START_POINT =
        variable(
            ID,
            "TxStartPoint",
            memberList(
                TX_START_POINTS,
                TX_POINTS,
                ": the station does not start a transaction there; it starts at one of "
                    + TX_START_POINTS,
                ValueType.DEFAULT_MAX_LIST_LENGTH),
            List.of("PowerPathClosed"),
            k -> k.readWrite().mandatory());

    public static final DeviceVariable<List<String>> TX_STOP_POINT =
        variable(
            ID,
            "TxStopPoint",
            memberList(TX_POINTS),
            List.of("EVConnected", "Authorized"),
            k -> k.readWrite().mandatory());

    /** How long an authorization waits for the EV's cable before it lapses (E03). */
    public static final DeviceVariable<Integer> EV_CONNECTION_TIME_OUT =
        variable(ID, "EVConnectionTimeOut", nonNegativeInteger(), 60, RW_SECONDS);

    public static final List<DeviceVariable<?>> ALL =
        List.of(
            STOP_TX_ON_EV_SIDE_DISCONNECT,
            STOP_TX_ON_INVALID_ID,
            TX_START_POINT,
            TX_STOP_POINT,
            EV_CONNECTION_TIME_OUT);
  }

  /** How id tokens are authorized. */
  public static final class AuthCtrlr {
    private AuthCtrlr() {}

    public static final ComponentId ID = ComponentId.of("AuthCtrlr");

    public static final DeviceVariable<Boolean> AUTHORIZE_REMOTE_START =
        variable(ID, "AuthorizeRemoteStart", bool(), false, k -> k.readWrite().mandatory());
    public static final DeviceVariable<Boolean> LOCAL_AUTHORIZE_OFFLINE =
        variable(ID, "LocalAuthorizeOffline", bool(), true, k -> k.readWrite().mandatory());
    public static final DeviceVariable<Boolean> LOCAL_PRE_AUTHORIZE =
        variable(ID, "LocalPreAuthorize", bool(), false, k -> k.readWrite().mandatory());
    public static final DeviceVariable<Boolean> OFFLINE_TX_FOR_UNKNOWN_ID_ENABLED =
        variable(ID, "OfflineTxForUnknownIdEnabled", bool(), false, Key::readWrite);

    public static final List<DeviceVariable<?>> ALL =
        List.of(
            AUTHORIZE_REMOTE_START,
            LOCAL_AUTHORIZE_OFFLINE,
            LOCAL_PRE_AUTHORIZE,
            OFFLINE_TX_FOR_UNKNOWN_ID_ENABLED);
  }

  /** The authorization cache. */
  public static final class AuthCacheCtrlr {
    private AuthCacheCtrlr() {}

    public static final ComponentId ID = ComponentId.of("AuthCacheCtrlr");

    public static final DeviceVariable<Boolean> ENABLED =
        variable(ID, "Enabled", bool(), true, Key::readWrite);
    public static final DeviceVariable<Boolean> AVAILABLE =
        variable(ID, "Available", bool(), true, Key::asConstant);

    public static final List<DeviceVariable<?>> ALL = List.of(ENABLED, AVAILABLE);
  }

  /** The local authorization list. */
  public static final class LocalAuthListCtrlr {
    private LocalAuthListCtrlr() {}

    public static final ComponentId ID = ComponentId.of("LocalAuthListCtrlr");

    public static final DeviceVariable<Boolean> ENABLED =
        variable(ID, "Enabled", bool(), true, Key::readWrite);

    /** Tokens in the list; the maxLimit characteristic is how many it can hold. */
    public static final DeviceVariable<Integer> ENTRIES = entries(1000);

    public static final DeviceVariable<Boolean> AVAILABLE =
        variable(ID, "Available", bool(), true, Key::asConstant);
    public static final DeviceVariable<Integer> ITEMS_PER_MESSAGE =
        variable(
            ID,
            "ItemsPerMessage",
            integer(1, Integer.MAX_VALUE),
            100,
            k -> k.asConstant().mandatory());
    public static final DeviceVariable<Integer> BYTES_PER_MESSAGE =
        variable(
            ID,
            "BytesPerMessage",
            integer(1, Integer.MAX_VALUE),
            65_000,
            k -> k.asConstant().mandatory());

    /** Entries for a list that holds up to {@code maxEntries} tokens. */
    public static DeviceVariable<Integer> entries(int maxEntries) {
      return variable(ID, "Entries", integer(0, maxEntries), 0, k -> k.notPersisted().mandatory());
    }

    public static final List<DeviceVariable<?>> ALL =
        List.of(ENABLED, ENTRIES, AVAILABLE, ITEMS_PER_MESSAGE, BYTES_PER_MESSAGE);
  }

  /** Reservations (block H). */
  public static final class ReservationCtrlr {
    private ReservationCtrlr() {}

    public static final ComponentId ID = ComponentId.of("ReservationCtrlr");

    /** False: ReserveNow is answered Rejected (H01.FR.01). */
    public static final DeviceVariable<Boolean> ENABLED =
        variable(ID, "Enabled", bool(), true, Key::readWrite);

    public static final DeviceVariable<Boolean> AVAILABLE =
        variable(ID, "Available", bool(), true, Key::asConstant);

    /** A reservation without evseId holds any EVSE (H01.FR.18, .19). */
    public static final DeviceVariable<Boolean> NON_EVSE_SPECIFIC =
        variable(ID, "NonEvseSpecific", bool(), true, Key::asConstant);

    public static final List<DeviceVariable<?>> ALL =
        List.of(ENABLED, AVAILABLE, NON_EVSE_SPECIFIC);
  }

  /** Meter values sampled during a transaction. */
  public static final class SampledDataCtrlr {
    private SampledDataCtrlr() {}

    public static final ComponentId ID = ComponentId.of("SampledDataCtrlr");

    /** What the Ended event's meter value carries: the reading at the end. */
    public static final DeviceVariable<List<String>> TX_ENDED_MEASURANDS =
        variable(
            ID, "TxEndedMeasurands", measurands(), ENERGY_REGISTER, k -> k.readWrite().mandatory());

    public static final DeviceVariable<List<String>> TX_STARTED_MEASURANDS =
        variable(
            ID,
            "TxStartedMeasurands",
            measurands(),
            ENERGY_REGISTER,
            k -> k.readWrite().mandatory());
    public static final DeviceVariable<List<String>> TX_UPDATED_MEASURANDS =
        variable(
            ID,
            "TxUpdatedMeasurands",
            measurands(),
            ENERGY_REGISTER,
            k -> k.readWrite().mandatory());
    public static final DeviceVariable<Integer> TX_UPDATED_INTERVAL =
        variable(ID, "TxUpdatedInterval", nonNegativeInteger(), 60, RW_SECONDS);

    public static final List<DeviceVariable<?>> ALL =
        List.of(
            TX_ENDED_MEASURANDS, TX_STARTED_MEASURANDS, TX_UPDATED_MEASURANDS, TX_UPDATED_INTERVAL);
  }

  /** Meter values aligned to the clock. */
  public static final class AlignedDataCtrlr {
    private AlignedDataCtrlr() {}

    public static final ComponentId ID = ComponentId.of("AlignedDataCtrlr");

    public static final DeviceVariable<List<String>> MEASURANDS =
        variable(ID, "Measurands", measurands(), ENERGY_REGISTER, k -> k.readWrite().mandatory());

    /** 0 turns clock-aligned readings off. */
    public static final DeviceVariable<Integer> INTERVAL =
        variable(ID, "Interval", nonNegativeInteger(), 900, RW_SECONDS);

    // No TxEndedMeasurands / TxEndedInterval: the Ended event carries no clock-aligned values.
    public static final List<DeviceVariable<?>> ALL = List.of(MEASURANDS, INTERVAL);
  }

  /** Charging profiles and their limits. */
  public static final class SmartChargingCtrlr {
    private SmartChargingCtrlr() {}

    public static final ComponentId ID = ComponentId.of("SmartChargingCtrlr");

    /** False: SetChargingProfile gets CALLERROR NotSupported. */
    public static final DeviceVariable<Boolean> AVAILABLE =
        variable(ID, "Available", bool(), true, Key::asConstant);

    public static final DeviceVariable<Boolean> AC_PHASE_SWITCHING_SUPPORTED =
        variable(ID, "ACPhaseSwitchingSupported", bool(), false, Key::asConstant);
    // The station's SetChargingProfile applies ProfileStackLevel, PeriodsPerSchedule and the
    // maxLimit of Entries[ChargingProfiles] (StationSettings, SettingsParameters).
    public static final DeviceVariable<Integer> PROFILE_STACK_LEVEL =
        variable(ID, "ProfileStackLevel", nonNegativeInteger(), 8, k -> k.asConstant().mandatory());
    public static final DeviceVariable<List<String>> RATE_UNIT =
        variable(
            ID,
            "RateUnit",
            memberList(List.of("A", "W")),
            List.of("A", "W"),
            k -> k.asConstant().mandatory());
    public static final DeviceVariable<Integer> PERIODS_PER_SCHEDULE =
        variable(ID, "PeriodsPerSchedule", integer(1, 1024), 24, k -> k.asConstant().mandatory());
    public static final DeviceVariable<Boolean> PHASES_3_TO_1 =
        variable(ID, "Phases3to1", bool(), false, Key::asConstant);

    /** Installed profiles; the maxLimit characteristic is how many may be installed. */
    public static final DeviceVariable<Integer> ENTRIES_CHARGING_PROFILES = entries(24);

    /** Entries[ChargingProfiles] for a station that holds up to {@code maxInstalled} profiles. */
    public static DeviceVariable<Integer> entries(int maxInstalled) {
      return variable(
          ID,
          "Entries",
          "ChargingProfiles",
          integer(0, maxInstalled),
          0,
          k -> k.notPersisted().mandatory());
    }

    public static final DeviceVariable<BigDecimal> LIMIT_CHANGE_SIGNIFICANCE =
        variable(
            ID,
            "LimitChangeSignificance",
            decimal(BigDecimal.ZERO, BigDecimal.valueOf(100)),
            BigDecimal.ONE,
            k -> k.readWrite().unit("Percent").mandatory());

    public static final List<DeviceVariable<?>> ALL =
        List.of(
            AVAILABLE,
            AC_PHASE_SWITCHING_SUPPORTED,
            PROFILE_STACK_LEVEL,
            RATE_UNIT,
            PERIODS_PER_SCHEDULE,
            PHASES_3_TO_1,
            ENTRIES_CHARGING_PROFILES,
            LIMIT_CHANGE_SIGNIFICANCE);
  }

  /** Identity, credentials and the security profile. */
  public static final class SecurityCtrlr {
    private SecurityCtrlr() {}

    public static final ComponentId ID = ComponentId.of("SecurityCtrlr");

    /** The station identity (the last segment of the connection URL), set by the runtime. */
    public static final DeviceVariable<String> IDENTITY =
        variable(ID, "Identity", string(48), "", Key::asConstant);

    /**
     * The profile the transport connects with, set by the runtime: 1 to 3, or 0 for a station run
     * without security (which 2.0.1 does not define, but which is what is in force then).
     */
    public static final DeviceVariable<Integer> SECURITY_PROFILE =
        variable(ID, "SecurityProfile", integer(0, 3), 1, k -> k.asConstant().mandatory());

    /**
     * HTTP Basic password (profiles 1 and 2, A01): 16 to 40 characters, never readable; a write
     * takes effect on the next connection, which the station opens at once.
     */
    public static final DeviceVariable<String> BASIC_AUTH_PASSWORD =
        variable(
            ID,
            "BasicAuthPassword",
            string(40),
            "",
            k ->
                k.writeOnly()
                    .rule(
                        Rule.matches(
                            java.util.regex.Pattern.compile(".{16,40}"), "16 to 40 characters")));

    /** The O of the station's certificates (A00.FR.509); the CSO sets it before A02. */
    public static final DeviceVariable<String> ORGANIZATION_NAME =
        variable(ID, "OrganizationName", string(64), "", k -> k.readWrite().mandatory());

    /** How many certificates are installed (live); at most 20. */
    public static final DeviceVariable<Integer> CERTIFICATE_ENTRIES =
        variable(ID, "CertificateEntries", integer(0, 20), 0, k -> k.notPersisted().mandatory());

    /** The longest certificateChain a CertificateSigned may carry (A02.FR.16). */
    public static final DeviceVariable<Integer> MAX_CERTIFICATE_CHAIN_SIZE =
        variable(ID, "MaxCertificateChainSize", integer(0, 10_000), 10_000, Key::asConstant);

    /** The first wait for a CertificateSigned before the CSR goes again (A02.FR.17). */
    public static final DeviceVariable<Integer> CERT_SIGNING_WAIT_MINIMUM =
        variable(
            ID, "CertSigningWaitMinimum", integer(1, 86_400), 60, k -> k.readWrite().unit("s"));

    /** How often a CSR goes again, the wait doubling each time (A02.FR.18-19). */
    public static final DeviceVariable<Integer> CERT_SIGNING_REPEAT_TIMES =
        variable(ID, "CertSigningRepeatTimes", integer(0, 10), 3, Key::readWrite);

    public static final List<DeviceVariable<?>> ALL =
        List.of(
            BASIC_AUTH_PASSWORD,
            IDENTITY,
            SECURITY_PROFILE,
            ORGANIZATION_NAME,
            CERTIFICATE_ENTRIES,
            MAX_CERTIFICATE_CHAIN_SIZE,
            CERT_SIGNING_WAIT_MINIMUM,
            CERT_SIGNING_REPEAT_TIMES);
  }

  /**
   * ISO 15118 (the 2.0.1 appendix's ISO15118Ctrlr, kept by 2.1): only the switches of what the
   * station does with it, station-wide as the station holds one V2G certificate and passes every
   * EVSE's certificate requests the same way. Not listed: PnCEnabled, ContractValidationOffline and
   * CentralContractValidationAllowed (the station authorizes no contract certificate, C07), nor the
   * session's figures (SeccId, MaxScheduleEntries, RequestMeteringReceipt, ProtocolAgreed).
   */
  public static final class Iso15118Ctrlr {
    private Iso15118Ctrlr() {}

    public static final ComponentId ID = ComponentId.of("ISO15118Ctrlr");

    /**
     * False: the station asks for no ISO 15118 SECC certificate (V2G, and 2.1's V2G20): a
     * TriggerMessage for one is Rejected and one about to expire is not renewed (A02, A03).
     */
    public static final DeviceVariable<Boolean> V2G_CERTIFICATE_INSTALLATION_ENABLED =
        variable(ID, "V2GCertificateInstallationEnabled", bool(), true, Key::readWrite);

    /**
     * False: an EV's contract certificate installation or update (M01, M02) is not passed to the
     * CSMS; the EV is answered FAILED at once.
     */
    public static final DeviceVariable<Boolean> CONTRACT_CERTIFICATE_INSTALLATION_ENABLED =
        variable(ID, "ContractCertificateInstallationEnabled", bool(), true, Key::readWrite);

    public static final List<DeviceVariable<?>> ALL =
        List.of(V2G_CERTIFICATE_INSTALLATION_ENABLED, CONTRACT_CERTIFICATE_INSTALLATION_ENABLED);
  }

  /** Display messages (O01-O06). */
  public static final class DisplayMessageCtrlr {
    private DisplayMessageCtrlr() {}

    public static final ComponentId ID = ComponentId.of("DisplayMessageCtrlr");

    public static final DeviceVariable<Boolean> AVAILABLE =
        variable(ID, "Available", bool(), true, Key::asConstant);

    /** Live: how many messages are set; at most 10 (NumberOfDisplayMessages). */
    public static final DeviceVariable<Integer> DISPLAY_MESSAGES =
        variable(ID, "DisplayMessages", integer(0, 10), 0, k -> k.notPersisted().mandatory());

    /** A text display: plain ASCII and UTF-8. */
    public static final DeviceVariable<List<String>> SUPPORTED_FORMATS =
        variable(
            ID,
            "SupportedFormats",
            memberList(List.of("ASCII", "HTML", "URI", "UTF8")),
            List.of("ASCII", "UTF8"),
            k -> k.asConstant().mandatory());

    public static final DeviceVariable<List<String>> SUPPORTED_PRIORITIES =
        variable(
            ID,
            "SupportedPriorities",
            memberList(List.of("AlwaysFront", "InFront", "NormalCycle")),
            List.of("AlwaysFront", "InFront", "NormalCycle"),
            k -> k.asConstant().mandatory());

    public static final List<DeviceVariable<?>> ALL =
        List.of(AVAILABLE, DISPLAY_MESSAGES, SUPPORTED_FORMATS, SUPPORTED_PRIORITIES);
  }

  /** Tariffs and costs shown to the EV driver (I01-I03); tariffs come only in personal messages. */
  public static final class TariffCostCtrlr {
    private TariffCostCtrlr() {}

    public static final ComponentId ID = ComponentId.of("TariffCostCtrlr");

    public static final DeviceVariable<Boolean> COST_AVAILABLE =
        variable(ID, "Available", "Cost", bool(), true, Key::asConstant);
    public static final DeviceVariable<Boolean> COST_ENABLED =
        variable(ID, "Enabled", "Cost", bool(), true, k -> k.readWrite().mandatory());

    /** The station shows the tariff of a token's personal message (I01). */
    public static final DeviceVariable<Boolean> TARIFF_AVAILABLE =
        variable(ID, "Available", "Tariff", bool(), true, Key::asConstant);

    public static final DeviceVariable<Boolean> TARIFF_ENABLED =
        variable(ID, "Enabled", "Tariff", bool(), true, k -> k.readWrite().mandatory());

    /** ISO 4217 code the costs are in (the CSMS sends amounts only). */
    public static final DeviceVariable<String> CURRENCY =
        variable(ID, "Currency", string(3), "EUR", k -> k.readWrite().mandatory());

    /** Shown in place of a driver's tariff when the CSMS told none (I04); empty: nothing. */
    public static final DeviceVariable<String> TARIFF_FALLBACK_MESSAGE =
        variable(ID, "TariffFallbackMessage", string(255), "", Key::readWrite);

    /** Shown in place of the total when the CSMS told none at the transaction's end (I05). */
    public static final DeviceVariable<String> TOTAL_COST_FALLBACK_MESSAGE =
        variable(ID, "TotalCostFallbackMessage", string(255), "", Key::readWrite);

    public static final List<DeviceVariable<?>> ALL =
        List.of(
            COST_AVAILABLE,
            COST_ENABLED,
            TARIFF_AVAILABLE,
            TARIFF_ENABLED,
            CURRENCY,
            TARIFF_FALLBACK_MESSAGE,
            TOTAL_COST_FALLBACK_MESSAGE);
  }

  /** Variable monitoring (N02-N08). */
  public static final class MonitoringCtrlr {
    private MonitoringCtrlr() {}

    public static final ComponentId ID = ComponentId.of("MonitoringCtrlr");

    public static final DeviceVariable<Boolean> AVAILABLE =
        variable(ID, "Available", bool(), true, Key::asConstant);

    public static final DeviceVariable<Integer> ITEMS_PER_MESSAGE_SET =
        variable(
            ID,
            "ItemsPerMessage",
            "SetVariableMonitoring",
            integer(1, 1000),
            50,
            k -> k.asConstant().mandatory());
    public static final DeviceVariable<Integer> BYTES_PER_MESSAGE_SET =
        variable(
            ID,
            "BytesPerMessage",
            "SetVariableMonitoring",
            integer(1, Integer.MAX_VALUE),
            65_000,
            k -> k.asConstant().mandatory());
    public static final DeviceVariable<Integer> ITEMS_PER_MESSAGE_CLEAR =
        variable(
            ID,
            "ItemsPerMessage",
            "ClearVariableMonitoring",
            integer(1, 1000),
            50,
            Key::asConstant);

    /** Events up to this severity wait for the connection while offline (N07.FR.04). */
    public static final DeviceVariable<Integer> OFFLINE_QUEUING_SEVERITY =
        variable(ID, "OfflineQueuingSeverity", integer(0, 9), 0, Key::readWrite);

    /** Live: the base a SetMonitoringBase chose. */
    public static final DeviceVariable<String> ACTIVE_MONITORING_BASE =
        variable(
            ID,
            "ActiveMonitoringBase",
            optionList(List.of("All", "FactoryDefault", "HardWiredOnly")),
            "All",
            k -> k.notPersisted());

    /** Live: the level a SetMonitoringLevel chose. */
    public static final DeviceVariable<Integer> ACTIVE_MONITORING_LEVEL =
        variable(ID, "ActiveMonitoringLevel", integer(0, 9), 9, k -> k.notPersisted());

    public static final List<DeviceVariable<?>> ALL =
        List.of(
            AVAILABLE,
            ITEMS_PER_MESSAGE_SET,
            BYTES_PER_MESSAGE_SET,
            ITEMS_PER_MESSAGE_CLEAR,
            OFFLINE_QUEUING_SEVERITY,
            ACTIVE_MONITORING_BASE,
            ACTIVE_MONITORING_LEVEL);
  }

  /** Limits on device-model messages. */
  public static final class DeviceDataCtrlr {
    private DeviceDataCtrlr() {}

    public static final ComponentId ID = ComponentId.of("DeviceDataCtrlr");

    public static final DeviceVariable<Integer> ITEMS_PER_MESSAGE_GET_REPORT =
        items("GetReport", 100);
    public static final DeviceVariable<Integer> ITEMS_PER_MESSAGE_GET_VARIABLES =
        items("GetVariables", 50);
    public static final DeviceVariable<Integer> ITEMS_PER_MESSAGE_SET_VARIABLES =
        items("SetVariables", 50);
    public static final DeviceVariable<Integer> BYTES_PER_MESSAGE_GET_REPORT = bytes("GetReport");
    public static final DeviceVariable<Integer> BYTES_PER_MESSAGE_GET_VARIABLES =
        bytes("GetVariables");
    public static final DeviceVariable<Integer> BYTES_PER_MESSAGE_SET_VARIABLES =
        bytes("SetVariables");

    public static final List<DeviceVariable<?>> ALL =
        List.of(
            ITEMS_PER_MESSAGE_GET_REPORT,
            ITEMS_PER_MESSAGE_GET_VARIABLES,
            ITEMS_PER_MESSAGE_SET_VARIABLES,
            BYTES_PER_MESSAGE_GET_REPORT,
            BYTES_PER_MESSAGE_GET_VARIABLES,
            BYTES_PER_MESSAGE_SET_VARIABLES);

    private static DeviceVariable<Integer> items(String message, int defaultValue) {
      return variable(
          ID,
          "ItemsPerMessage",
          message,
          integer(1, Integer.MAX_VALUE),
          defaultValue,
          k -> k.asConstant().mandatory());
    }

    private static DeviceVariable<Integer> bytes(String message) {
      return variable(
          ID,
          "BytesPerMessage",
          message,
          integer(1, Integer.MAX_VALUE),
          65_000,
          k -> k.asConstant().mandatory());
    }
  }

  /** The station as a whole. */
  public static final class ChargingStation {
    private ChargingStation() {}

    public static final ComponentId ID = ComponentId.of("ChargingStation");

    /** Live: the station logic keeps it current. */
    public static final DeviceVariable<String> AVAILABILITY_STATE =
        variable(
            ID,
            "AvailabilityState",
            optionList(AVAILABILITY_STATES),
            "Available",
            k -> k.notPersisted().mandatory());

    public static final DeviceVariable<Boolean> AVAILABLE =
        variable(ID, "Available", bool(), true, k -> k.asConstant().mandatory());

    public static DeviceVariable<Integer> supplyPhases(StationLayout layout) {
      return variable(
          ID,
          "SupplyPhases",
          integer(0, 3),
          layout.supplyPhases(),
          k -> k.asConstant().mandatory());
    }

    public static DeviceVariable<String> model(StationLayout layout) {
      return variable(ID, "Model", string(20), layout.model(), Key::asConstant);
    }

    public static DeviceVariable<String> vendorName(StationLayout layout) {
      return variable(ID, "VendorName", string(50), layout.vendorName(), Key::asConstant);
    }

    /** Whether free EVSEs take new sessions while a firmware installation waits (L01.FR.07). */
    public static final DeviceVariable<Boolean> ALLOW_NEW_SESSIONS_PENDING_FIRMWARE_UPDATE =
        variable(ID, "AllowNewSessionsPendingFirmwareUpdate", bool(), false, Key::readWrite);

    static List<DeviceVariable<?>> all(StationLayout layout) {
      return List.of(
          AVAILABILITY_STATE,
          AVAILABLE,
          supplyPhases(layout),
          model(layout),
          vendorName(layout),
          ALLOW_NEW_SESSIONS_PENDING_FIRMWARE_UPDATE);
    }
  }

  /** One EVSE component per EVSE of the layout. */
  public static final class EvseVariables {
    private EvseVariables() {}

    /** Live: the station logic keeps it current. */
    public static DeviceVariable<String> availabilityState(int evseId) {
      return variable(
          ComponentId.evse(evseId),
          "AvailabilityState",
          optionList(AVAILABILITY_STATES),
          "Available",
          k -> k.notPersisted().mandatory());
    }

    public static DeviceVariable<Boolean> available(int evseId) {
      return variable(
          ComponentId.evse(evseId), "Available", bool(), true, k -> k.asConstant().mandatory());
    }

    /** Actual is the present power (live); maxLimit is the most the EVSE can deliver. */
    public static DeviceVariable<BigDecimal> power(StationLayout.Evse evse) {
      return variable(
          ComponentId.evse(evse.id()),
          "Power",
          decimal(BigDecimal.ZERO, evse.maxPower()),
          BigDecimal.ZERO,
          k -> k.unit("W").notPersisted().mandatory());
    }

    public static DeviceVariable<Integer> supplyPhases(StationLayout.Evse evse) {
      return variable(
          ComponentId.evse(evse.id()),
          "SupplyPhases",
          integer(0, 3),
          evse.supplyPhases(),
          k -> k.asConstant().mandatory());
    }

    static List<DeviceVariable<?>> all(StationLayout.Evse evse) {
      return List.of(
          availabilityState(evse.id()), available(evse.id()), power(evse), supplyPhases(evse));
    }
  }

  /** One Connector component per connector of the layout. */
  public static final class ConnectorVariables {
    private ConnectorVariables() {}

    static final List<String> CONNECTOR_TYPES =
        Arrays.stream(Connector.values()).map(Connector::value).toList();

    /** Live: the station logic keeps it current. */
    public static DeviceVariable<String> availabilityState(int evseId, int connectorId) {
      return variable(
          ComponentId.connector(evseId, connectorId),
          "AvailabilityState",
          optionList(AVAILABILITY_STATES),
          "Available",
          k -> k.notPersisted().mandatory());
    }

    public static DeviceVariable<Boolean> available(int evseId, int connectorId) {
      return variable(
          ComponentId.connector(evseId, connectorId),
          "Available",
          bool(),
          true,
          k -> k.asConstant().mandatory());
    }

    public static DeviceVariable<String> connectorType(
        StationLayout.Evse evse, StationLayout.Connector connector) {
      return variable(
          ComponentId.connector(evse.id(), connector.id()),
          "ConnectorType",
          optionList(CONNECTOR_TYPES),
          connector.type(),
          k -> k.asConstant().mandatory());
    }

    public static DeviceVariable<Integer> supplyPhases(
        StationLayout.Evse evse, StationLayout.Connector connector) {
      return variable(
          ComponentId.connector(evse.id(), connector.id()),
          "SupplyPhases",
          integer(0, 3),
          evse.supplyPhases(),
          k -> k.asConstant().mandatory());
    }

    static List<DeviceVariable<?>> all(StationLayout.Evse evse, StationLayout.Connector connector) {
      return List.of(
          availabilityState(evse.id(), connector.id()),
          available(evse.id(), connector.id()),
          connectorType(evse, connector),
          supplyPhases(evse, connector));
    }
  }
}
