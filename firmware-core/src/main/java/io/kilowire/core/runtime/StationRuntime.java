package io.kilowire.core.runtime;

import io.kilowire.core.configuration.Configuration;
import io.kilowire.core.configuration.ConfigurationStore;
import io.kilowire.core.configuration.DeviceModel;
import io.kilowire.core.configuration.DeviceVariable;
import io.kilowire.core.configuration.Key;
import io.kilowire.core.configuration.Setting;
import io.kilowire.core.configuration.StationLayout;
import io.kilowire.core.configuration.StationSettings;
import io.kilowire.core.configuration.V16Keys;
import io.kilowire.core.configuration.V201Variables.OcppCommCtrlr;
import io.kilowire.core.configuration.V201Variables.SecurityCtrlr;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.json.JsonFrameCodec;
import io.kilowire.core.ocpp.rpc.FrameCodec;
import io.kilowire.core.ocpp.rpc.OcppEndpoint;
import io.kilowire.core.ocpp.v16.ChangeConfigurationRequest;
import io.kilowire.core.ocpp.v16.GetConfigurationRequest;
import io.kilowire.core.ocpp.v16.adapter.V16AuthorizationHandlers;
import io.kilowire.core.ocpp.v16.adapter.V16ConfigurationHandlers;
import io.kilowire.core.ocpp.v16.adapter.V16Gateway;
import io.kilowire.core.ocpp.v16.adapter.V16StationHandlers;
import io.kilowire.core.ocpp.v201.GetBaseReportRequest;
import io.kilowire.core.ocpp.v201.GetVariablesRequest;
import io.kilowire.core.ocpp.v201.NotifyReportResponse;
import io.kilowire.core.ocpp.v201.SetVariablesRequest;
import io.kilowire.core.ocpp.v201.adapter.V201AuthorizationHandlers;
import io.kilowire.core.ocpp.v201.adapter.V201DeviceModelHandlers;
import io.kilowire.core.ocpp.v201.adapter.V201Gateway;
import io.kilowire.core.ocpp.v201.adapter.V201LiveVariables;
import io.kilowire.core.ocpp.v201.adapter.V201StationHandlers;
import io.kilowire.core.ocpp.v21.adapter.V21Endpoint;
import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.station.CsmsGateway;
import io.kilowire.core.station.MeterMeasurands;
import io.kilowire.core.station.SessionHolder;
import io.kilowire.core.station.SettingsParameters;
import io.kilowire.core.station.SnapshotConfigurationStore;
import io.kilowire.core.station.Station;
import io.kilowire.core.station.StationHardware;
import io.kilowire.core.station.StationIdentity;
import io.kilowire.core.station.StationParameters;
import io.kilowire.core.station.certificates.CertificateUse;
import io.kilowire.core.station.certificates.Certificates;
import io.kilowire.core.station.certificates.SigningKind;
import io.kilowire.core.station.certificates.StationCredential;
import io.kilowire.core.store.MemoryRecordLog;
import io.kilowire.core.store.MemorySnapshotStore;
import io.kilowire.core.store.RecordLog;
import io.kilowire.core.store.SnapshotStore;
import io.kilowire.core.store.file.FileRecordLog;
import io.kilowire.core.store.file.FileSnapshotStore;
import io.kilowire.core.transport.FrameObserver;
import io.kilowire.core.transport.OcppTransport;
import io.kilowire.core.transport.SwitchingTransport;
import io.kilowire.core.transport.TransportConfig;
import io.kilowire.core.transport.WebSocketTransport;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole charging station on real time: the version-neutral {@link Station} on the connection's
 * single thread, its OCPP version's gateway and handlers, and its persistent state (the transaction
 * queue and the station state under {@code stateDir}, or in memory without one). Hardware events
 * must reach the station through {@link #execute}, so they run on its thread.
 */
public final class StationRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StationRuntime.class);

  /** How long a closing station waits for the CSMS to confirm its last transaction messages. */
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(3);

  private static final Duration CONFIRMATION_POLL = Duration.ofMillis(10);
  private static final Duration MAX_POLL = Duration.ofMillis(200);

  private final OcppClient client;
  private final TransportCredentials credentials = new TransportCredentials();
  private final Configuration configuration;
  private final @Nullable DeviceModel deviceModel;
  private final ConnectionSecurity security;

  /** Set by {@link #close()}: the station has shut down and its stores are closing. */
  private volatile boolean closed;

  private final Station station;
  private final SessionHolder session = new SessionHolder();
  private final RecordLog transactionLog;
  private final SnapshotStore snapshots;
  private final OcppVersion version;
  private final StationSettings settings;
  private final @Nullable V16ConfigurationHandlers v16Configuration;
  private final @Nullable V201DeviceModelHandlers v201DeviceModel;
  // 2.0.1: the network profiles (B09, B10); 1.6 has one connection.
  private final @Nullable NetworkSlots network;

  private StationRuntime(Builder b) {
    TransportConfig config = b.config;
    if (config.ocppVersions().size() != 1) {
      throw new IllegalArgumentException(
          "a station speaks one OCPP version; offered " + config.ocppVersions());
    }
    this.version = config.ocppVersions().get(0);
    if (b.stateDir != null) {
      this.transactionLog = new FileRecordLog(b.stateDir.resolve("transactions"));
      this.snapshots = new FileSnapshotStore(b.stateDir.resolve("state"));
    } else {
      this.transactionLog = new MemoryRecordLog();
      this.snapshots = new MemorySnapshotStore();
    }
    StationLayout layout =
        b.layout != null
            ? new StationLayout(b.identity.vendor(), b.identity.model(), b.layout)
            : layout(b.identity, b.evses);
    ConfigurationStore configStore = new SnapshotConfigurationStore(snapshots);
    DeviceModel model = null;
    // The 2.0.1 network slots, once they exist: NetworkConfigurationPriority's rule reads them.
    java.util.concurrent.atomic.AtomicReference<@Nullable NetworkSlots> slots =
        new java.util.concurrent.atomic.AtomicReference<>();
    // Firmware management is advertised when the station has what it takes: an installer for the
    // images and an uploader for the diagnostics.
    boolean managesFirmware = b.firmwareInstaller != null && b.logUploader != null;
    if (version == OcppVersion.V16) {
      Configuration.Builder equipped = V16Keys.builder(layout).store(configStore);
      if (managesFirmware) {
        equipped.initial(V16Keys.SUPPORTED_FEATURE_PROFILES, V16Keys.WITH_FIRMWARE_MANAGEMENT);
      }
      // The station knows its security profile from its connection, until a CSMS raises it.
      Configuration keys = inForce(b.v16Configuration.apply(equipped), config).build();
      this.settings = StationSettings.of(keys);
      this.configuration = keys;
      this.v16Configuration = new V16ConfigurationHandlers(keys);
      this.v201DeviceModel = null;
    } else {
      DeviceModel.Builder equipped = DeviceModel.builder(layout).store(configStore);
      if (version == OcppVersion.V21) {
        io.kilowire.core.configuration.V21DerVariables.ALL.forEach(equipped::add);
      }
      if (managesFirmware) {
        equipped.add(
            io.kilowire.core.configuration.V201Variables.OcppCommCtrlr.FILE_TRANSFER_PROTOCOLS);
      }
      if (version == OcppVersion.V21) {
        io.kilowire.core.configuration.V21TariffCostVariables.ALL.forEach(equipped::add);
        io.kilowire.core.configuration.V21ClockVariables.ALL.forEach(equipped::add);
        io.kilowire.core.configuration.V21SmartChargingVariables.ALL.forEach(equipped::add);
        io.kilowire.core.configuration.V21TxVariables.ALL.forEach(equipped::add);
        io.kilowire.core.configuration.V21V2xVariables.all(layout).forEach(equipped::add);
        io.kilowire.core.configuration.V21AuthVariables.ALL.forEach(equipped::add);
        io.kilowire.core.configuration.V21PaymentVariables.ALL.forEach(equipped::add);
        io.kilowire.core.configuration.V21MeasurandVariables.ALL.forEach(equipped::replace);
      }
      model =
          inForce(
                  NetworkSlots.refusingEmptySlots(b.v201DeviceModel.apply(equipped), slots::get),
                  config)
              .build();
      this.settings = StationSettings.of(model);
      this.configuration = model.configuration();
      this.v16Configuration = null;
      this.v201DeviceModel = new V201DeviceModelHandlers(model);
    }
    this.network = model == null ? null : new NetworkSlots(snapshots, model, config);
    slots.set(network);
    StationParameters parameters =
        b.parameters != null
            ? b.parameters
            : new SettingsParameters(
                settings, b.resumeAfterPowerLoss, config.stationId(), version == OcppVersion.V21);
    if (b.evseMaxCurrentA != null) {
      parameters = new HardwareMaximum(parameters, b.evseMaxCurrentA);
    }
    FrameCodec codec = JsonFrameCodec.shared();
    MeterMeasurands measurands =
        new MeterMeasurands(
            settings::txStartedMeasurands,
            settings::sampledMeasurands,
            settings::clockAlignedMeasurands,
            settings::txEndedMeasurands);
    CsmsGateway gateway =
        version == OcppVersion.V16
            ? new V16Gateway(
                session,
                codec,
                b.identity,
                measurands,
                // The 1.6 security extension is in use from security profile 1 on.
                () -> settings.securityProfile() >= 1)
            : new V201Gateway(session, codec, b.identity, measurands);
    Station[] built = new Station[1];
    OcppClient.Builder cb =
        OcppClient.builder(config)
            .codec(codec)
            .callTimeout(
                () ->
                    network == null
                        ? settings.messageTimeout()
                        : network.messageTimeout(settings.messageTimeout()))
            .sessionConfigurer(
                s -> {
                  // 2.1 speaks through the 2.0.1 adapter, over a bridge of shared fields.
                  OcppEndpoint endpoint =
                      version == OcppVersion.V21 ? V21Endpoint.forStation(s) : s;
                  session.attach(endpoint);
                  register(endpoint, built[0]);
                })
            .stateListener(
                state -> {
                  if (network != null) {
                    switch (state.kind()) {
                      case CONNECTING -> network.connecting();
                      case CONNECTED -> {
                        network.connected();
                        securityProfileInForce();
                      }
                      case DISCONNECTED -> network.disconnected();
                      default -> {}
                    }
                  }
                  switch (state.kind()) {
                    case CONNECTED -> built[0].connected();
                    case DISCONNECTED, STOPPED -> {
                      session.detach();
                      // After close() the station has shut down and its stores are closed: the
                      // connection's end is no outage to record.
                      if (!closed) {
                        built[0].disconnected();
                      }
                    }
                    default -> {}
                  }
                  b.stateListener.accept(state);
                });
    if (b.transportFactory != null) {
      cb.transportFactory(b.transportFactory);
    } else {
      // Each connection with the credentials in force (renewed certificate, rotated password).
      cb.transportFactory(
          scheduler ->
              new SwitchingTransport(
                  () -> connectionConfig(config), c -> new WebSocketTransport(c, scheduler)));
    }
    // With log uploads, the frames also go into the station's diagnostics log.
    FramesLogged framesLogged = null;
    if (b.logUploader != null && b.logFrames) {
      framesLogged = new FramesLogged(b.frameObserver);
      cb.frameObserver(framesLogged);
    } else if (b.frameObserver != null) {
      cb.frameObserver(b.frameObserver);
    }
    if (b.thread != null) {
      cb.thread(b.thread);
    }
    this.client = cb.build();
    DeviceModel v2xModel = model;
    this.station =
        new Station(
            b.evses,
            parameters,
            version == OcppVersion.V21 && v2xModel != null
                ? V2xSwitch.switched(b.hardware, V2xSwitch.enabledIn(v2xModel))
                : b.hardware,
            client.scheduler(),
            snapshots,
            transactionLog,
            gateway,
            () -> UUID.randomUUID().toString(),
            b.observer);
    built[0] = station;
    this.deviceModel = model;
    if (version == OcppVersion.V21 && model != null) {
      // Before start(): a restart takes up the transactions a power loss interrupted (E17).
      DeviceModel dm = model;
      station
          .resumption()
          .configure(
              () ->
                  Duration.ofSeconds(
                      dm.getOrDefault(
                          io.kilowire.core.configuration.V21TxVariables.RESUMPTION_TIMEOUT)),
              () ->
                  dm.getOrDefault(
                      io.kilowire.core.configuration.V21TxVariables
                          .ALLOW_ENERGY_TRANSFER_RESUMPTION));
    }
    if (b.firmwareInstaller != null) {
      station.firmwareInstaller(
          new FirmwareOnStationThread(b.firmwareInstaller, client.scheduler()::execute));
      io.kilowire.core.hal.FirmwarePublisher publisher = b.firmwarePublisher;
      if (publisher != null) {
        station.firmwarePublisher(
            FirmwareOnStationThread.publisher(publisher, client.scheduler()::execute));
      }
    }
    io.kilowire.core.station.logs.LogUploader uploader = b.logUploader;
    if (b.logCapacity != null) {
      station.log().capacity(b.logCapacity);
    }
    if (framesLogged != null) {
      framesLogged.attach(station.log(), client.scheduler());
    }
    if (uploader != null) {
      station.logUploader(
          (location, fileName, content) ->
              FirmwareOnStationThread.onStationThread(
                  uploader.upload(location, fileName, content), client.scheduler()::execute));
    }
    if (model != null) {
      V201LiveVariables.bind(model, station);
      Station st = station;
      V2xSwitch.bind(
          model, layout, b.hardware, () -> client.scheduler().execute(st::outputsChanged));
      station
          .monitoring()
          .watch(new io.kilowire.core.ocpp.v201.adapter.V201MonitoredVariables(model));
    }
    // A reset reboots the station: the connection closes and a new one opens, on which the
    // station registers again (BootNotification, reason RemoteReset). Its state stays.
    station.onReboot(
        hard -> {
          LOG.info("[{}] rebooting after a reset: connecting anew", config.stationId());
          if (network != null) {
            network.reboot();
          }
          client.reconnect();
        });
    followCertificates(station.certificates());
    this.security =
        new ConnectionSecurity(
            credentials,
            snapshots,
            this::transportConfig,
            () -> client.scheduler().schedule(Duration.ZERO, client::reconnect));
    security.restoreProfile();
    securityProfileInForce();
    security.followPassword(
        configuration,
        version == OcppVersion.V16
            ? V16Keys.AUTHORIZATION_KEY
            : SecurityCtrlr.BASIC_AUTH_PASSWORD.actual());
    settings.onChange(
        Setting.HEARTBEAT_INTERVAL,
        () -> execute(() -> station.heartbeatIntervalChanged(settings.heartbeatInterval())));
  }

  /**
   * The station's certificates in its connection: a newly signed client certificate from when it is
   * valid (with profile 3 the station reconnects with it at once, A02.FR.08), the installed CSMS
   * roots as what TLS trusts.
   */
  private void followCertificates(Certificates certificates) {
    certificates.onCredentialInUse(
        credential -> {
          credentials.clientCertificate(credential.chain(), credential.key());
          if (transportConfig().securityProfile() == 3 && client.isConnected()) {
            LOG.info(
                "[{}] reconnecting with the new station certificate", client.config().stationId());
            client.reconnect();
          }
        });
    certificates.onRootsChanged(
        () -> credentials.trusted(certificates.trusted(CertificateUse.CSMS_ROOT)));
  }

  /**
   * What the station was given at start: the CSMS roots its configuration trusts, and its client
   * certificate, count as installed unless it holds newer ones.
   */
  private void provisionCredentials() {
    Certificates certificates = station.certificates();
    TransportConfig config = client.config();
    certificates.provisionRoots(CertificateUse.CSMS_ROOT, config.trustedCertificates());
    PrivateKey key = config.clientPrivateKey();
    if (key != null
        && !config.clientCertificateChain().isEmpty()
        && certificates.credential(SigningKind.CHARGING_STATION).isEmpty()) {
      certificates.provision(
          new StationCredential(
              SigningKind.CHARGING_STATION, config.clientCertificateChain(), key));
    }
    certificates
        .credential(SigningKind.CHARGING_STATION)
        .ifPresent(c -> credentials.clientCertificate(c.chain(), c.key()));
    credentials.trusted(certificates.trusted(CertificateUse.CSMS_ROOT));
  }

  /**
   * SecurityProfile reads the profile of the connection: the one the station starts with, and after
   * a move to another network slot (B10) that slot's.
   */
  private void securityProfileInForce() {
    Key<Integer> profileKey =
        version == OcppVersion.V16
            ? V16Keys.SECURITY_PROFILE
            : SecurityCtrlr.SECURITY_PROFILE.actual();
    if (configuration.contains(profileKey)) {
      configuration.set(profileKey, transportConfig().securityProfile());
    }
  }

  /** The configuration the next connection uses: the start's, with what the station changed. */
  public TransportConfig transportConfig() {
    return connectionConfig(client.config());
  }

  /**
   * {@code base} as the next connection uses it: the network profile in use (2.0.1 B10) and the
   * credentials the station changed; a transport factory of its own applies it to each connection.
   */
  public TransportConfig connectionConfig(TransportConfig base) {
    // The slot's URL and security profile go over the credentials: a slot with profile 1 needs
    // the password the station was given since it started.
    TransportConfig withCredentials = credentials.apply(base);
    return network == null ? withCredentials : network.apply(withCredentials);
  }

  /**
   * What the station changed of its connection's security; a transport factory of its own applies
   * it to each connection ({@link TransportCredentials#apply}).
   */
  public TransportCredentials credentials() {
    return credentials;
  }

  /**
   * The keys whose value the transport fixes read what it uses: ping interval and security profile
   * (and MessageTimeout goes the other way, to the client). Set after the station maker's
   * adjustments, which cannot change the transport.
   */
  private static Configuration.Builder inForce(Configuration.Builder keys, TransportConfig config) {
    if (keys.has(V16Keys.WEB_SOCKET_PING_INTERVAL)) {
      keys.initial(V16Keys.WEB_SOCKET_PING_INTERVAL, seconds(config.pingInterval()));
    }
    if (keys.has(V16Keys.SECURITY_PROFILE)) {
      keys.initial(V16Keys.SECURITY_PROFILE, config.securityProfile());
    }
    return keys;
  }

  /** As {@link #inForce(Configuration.Builder, TransportConfig)}, with back-off and identity. */
  private static DeviceModel.Builder inForce(DeviceModel.Builder model, TransportConfig config) {
    setIfPresent(model, OcppCommCtrlr.WEB_SOCKET_PING_INTERVAL, seconds(config.pingInterval()));
    setIfPresent(
        model,
        OcppCommCtrlr.RETRY_BACK_OFF_WAIT_MINIMUM,
        seconds(config.retryBackOffWaitMinimum()));
    setIfPresent(
        model,
        OcppCommCtrlr.RETRY_BACK_OFF_RANDOM_RANGE,
        seconds(config.retryBackOffRandomRange()));
    setIfPresent(
        model, OcppCommCtrlr.RETRY_BACK_OFF_REPEAT_TIMES, config.retryBackOffRepeatTimes());
    setIfPresent(model, SecurityCtrlr.SECURITY_PROFILE, config.securityProfile());
    setIfPresent(model, SecurityCtrlr.IDENTITY, config.stationId());
    return model;
  }

  private static <T> void setIfPresent(
      DeviceModel.Builder model, DeviceVariable<T> variable, T value) {
    if (model.has(variable)) {
      model.initial(variable, value);
    }
  }

  /** Whole seconds, as the keys count them (a sub-second test value reads as 0). */
  private static int seconds(Duration duration) {
    return (int) Math.min(Integer.MAX_VALUE, duration.toSeconds());
  }

  private static StationLayout layout(StationIdentity identity, int evses) {
    List<StationLayout.Evse> list = new java.util.ArrayList<>();
    for (int i = 1; i <= evses; i++) {
      list.add(
          new StationLayout.Evse(
              i,
              new java.math.BigDecimal("22080"),
              3,
              List.of(new StationLayout.Connector(1, "cType2"))));
    }
    return new StationLayout(identity.vendor(), identity.model(), list);
  }

  /** The station's configuration, whichever version backs it. */
  public StationSettings settings() {
    return settings;
  }

  /**
   * The OCPP 1.6 configuration as a CSMS reaches it (Get/ChangeConfiguration), for a local operator
   * such as the emulator's control API; null on 2.0.1. Use it on the station's thread.
   */
  public @Nullable V16ConfigurationHandlers v16Configuration() {
    return v16Configuration;
  }

  /** As {@link #v16Configuration()}: the 2.0.1 device model (Get/SetVariables); null on 1.6. */
  public @Nullable V201DeviceModelHandlers v201DeviceModel() {
    return v201DeviceModel;
  }

  private void register(OcppEndpoint s, Station st) {
    if (version == OcppVersion.V16) {
      V16StationHandlers.register(s, st);
      V16ConfigurationHandlers keys = Objects.requireNonNull(v16Configuration);
      s.handle(GetConfigurationRequest.class, keys::getConfiguration);
      s.handle(
          ChangeConfigurationRequest.class,
          r ->
              r.key().equals(V16Keys.SECURITY_PROFILE.name())
                  ? security.changeSecurityProfile(
                      r.value(), st.certificates(), configuration, V16Keys.SECURITY_PROFILE)
                  : keys.changeConfiguration(r));
      V16AuthorizationHandlers authorization = new V16AuthorizationHandlers(st.authorization());
      s.handle(io.kilowire.core.ocpp.v16.SendLocalListRequest.class, authorization::sendLocalList);
      s.handle(
          io.kilowire.core.ocpp.v16.GetLocalListVersionRequest.class,
          authorization::getLocalListVersion);
      s.handle(io.kilowire.core.ocpp.v16.ClearCacheRequest.class, authorization::clearCache);
      io.kilowire.core.ocpp.v16.adapter.V16CertificateHandlers.register(s, st.certificates());
    } else {
      V201StationHandlers.register(s, st);
      V201DeviceModelHandlers model = Objects.requireNonNull(v201DeviceModel);
      s.handle(GetVariablesRequest.class, model::getVariables);
      s.handle(SetVariablesRequest.class, model::setVariables);
      V201AuthorizationHandlers authorization = new V201AuthorizationHandlers(st.authorization());
      s.handle(io.kilowire.core.ocpp.v201.SendLocalListRequest.class, authorization::sendLocalList);
      s.handle(
          io.kilowire.core.ocpp.v201.GetLocalListVersionRequest.class,
          authorization::getLocalListVersion);
      s.handle(io.kilowire.core.ocpp.v201.ClearCacheRequest.class, authorization::clearCache);
      io.kilowire.core.ocpp.v201.adapter.V201CertificateHandlers.register(s, st.certificates());
      io.kilowire.core.ocpp.v201.adapter.V201DisplayHandlers.register(s, st);
      io.kilowire.core.ocpp.v201.adapter.V201CustomerInformationHandlers.register(
          s, st, client.scheduler()::now);
      io.kilowire.core.ocpp.v201.adapter.V201CostHandlers.register(
          s, st, Objects.requireNonNull(deviceModel));
      io.kilowire.core.ocpp.v201.adapter.V201NetworkProfileHandlers.register(
          s, Objects.requireNonNull(network).profiles(), () -> transportConfig().securityProfile());
      io.kilowire.core.ocpp.v201.adapter.V201MonitoringHandlers.register(
          s, st, Objects.requireNonNull(deviceModel), client.scheduler()::now);
      s.handle(
          io.kilowire.core.ocpp.v201.GetReportRequest.class,
          r -> {
            V201DeviceModelHandlers.GetReport report = model.getReport(r, client.scheduler().now());
            st.afterReply(
                () -> report.reports().forEach(page -> s.call(page, NotifyReportResponse.class)));
            return report.response();
          });
      s.handle(
          GetBaseReportRequest.class,
          r -> {
            io.kilowire.core.ocpp.v201.adapter.BaseReport report =
                model.getBaseReport(r, client.scheduler().now());
            // The pages follow the reply, one CALL at a time (the session queues them).
            client
                .scheduler()
                .schedule(
                    java.time.Duration.ZERO,
                    () ->
                        report.reports().forEach(page -> s.call(page, NotifyReportResponse.class)));
            return report.response();
          });
      if (s instanceof V21Endpoint v21) {
        // 2.1's bidirectional profile fields reach the domain, which has them.
        io.kilowire.core.ocpp.v21.adapter.V21StationHandlers.register(v21, st);
        DeviceModel dm = Objects.requireNonNull(deviceModel);
        st.der()
            .enabled(() -> dm.getOrDefault(io.kilowire.core.configuration.V21DerVariables.ENABLED));
        io.kilowire.core.ocpp.v21.adapter.V21DynamicScheduleHandlers.register(v21, st);
        io.kilowire.core.ocpp.v21.adapter.V21PriorityChargingHandlers.register(v21, st);
        io.kilowire.core.ocpp.v21.adapter.V21FrequencyHandlers.register(v21, st);
        io.kilowire.core.ocpp.v21.adapter.V21NetworkProfileHandlers.register(
            v21,
            Objects.requireNonNull(network).profiles(),
            () -> transportConfig().securityProfile());
        io.kilowire.core.ocpp.v21.adapter.V21TariffHandlers.configure(
            st, Objects.requireNonNull(deviceModel));
      }
    }
  }

  /** The 2.0.1 / 2.1 device model; null on 1.6. */
  @Nullable DeviceModel deviceModel() {
    return deviceModel;
  }

  /**
   * Whether V2X is switched on for {@code evse}: a 2.1 station's V2XChargingCtrlr.Enabled; on where
   * the model has no such switch. For the ISO 15118 stack, which offers BPT only then.
   */
  public boolean v2xEnabled(int evse) {
    DeviceModel model = deviceModel;
    return model == null || V2xSwitch.enabledIn(model).test(evse);
  }

  public static Builder builder(TransportConfig config, StationHardware hardware) {
    return new Builder(config, hardware);
  }

  /** Restores the persisted state, then connects. */
  public void start() {
    call(
        () -> {
          station.start();
          provisionCredentials();
        });
    client.start();
  }

  /** Runs {@code task} on the station's thread, e.g. a hardware event. */
  public void execute(Runnable task) {
    client.scheduler().execute(task);
  }

  /** Runs {@code task} on the station's thread and waits for it. */
  public void call(Runnable task) {
    if (client.scheduler().isCurrentThread()) {
      task.run();
      return;
    }
    CountDownLatch done = new CountDownLatch(1);
    RuntimeException[] failure = new RuntimeException[1];
    client
        .scheduler()
        .execute(
            () -> {
              try {
                task.run();
              } catch (RuntimeException e) {
                failure[0] = e;
              } finally {
                done.countDown();
              }
            });
    try {
      if (!done.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the station thread did not answer within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (failure[0] != null) {
      throw failure[0];
    }
  }

  public Station station() {
    return station;
  }

  public TaskScheduler scheduler() {
    return client.scheduler();
  }

  public OcppClient client() {
    return client;
  }

  public OcppVersion version() {
    return version;
  }

  /**
   * Ends the station cleanly: open transactions end with reason Reboot (queued, so the next run
   * delivers them if this one cannot), the connection closes, the stores are closed.
   */
  @Override
  public void close() {
    try {
      call(station::shutdown);
      // Give the CSMS a moment to confirm the last transaction messages.
      long deadline = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
      while (client.isConnected() && queued() > 0 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("station did not shut down cleanly", e);
    } finally {
      closed = true;
      client.close();
      transactionLog.close();
      snapshots.close();
    }
  }

  /**
   * As {@link #close()}, without holding the caller's thread, so that thousands of stations on a
   * few threads stop in parallel: the station shuts down on its own thread and waits there (up to 3
   * s, by timer, not by sleeping) until the CSMS has confirmed its queued transaction messages;
   * then the connection closes and the stores close. For real time only: in virtual time the caller
   * drives the clock, and {@link #close()} is the way.
   */
  public CompletableFuture<Void> closeAsync() {
    CompletableFuture<Void> confirmed = new CompletableFuture<>();
    long deadline = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
    execute(
        () -> {
          try {
            station.shutdown();
            awaitConfirmations(deadline, CONFIRMATION_POLL, confirmed);
          } catch (RuntimeException e) {
            LOG.warn("station did not shut down cleanly", e);
            confirmed.complete(null);
          }
        });
    return confirmed
        // The station's thread may be gone already (a stop racing another): go on regardless.
        .completeOnTimeout(null, SHUTDOWN_GRACE.toMillis() + 1000, TimeUnit.MILLISECONDS)
        .thenCompose(
            ignored -> {
              closed = true;
              return client.stopAsync();
            })
        .whenComplete(
            (ignored, error) -> {
              transactionLog.close();
              snapshots.close();
            });
  }

  /**
   * On the station's thread: completes {@code confirmed} once nothing waits for the CSMS. Looks
   * again after {@code poll}, twice as long each time up to 200 ms: thousands of stations closing
   * together would otherwise flood their shared threads with checks.
   */
  private void awaitConfirmations(long deadline, Duration poll, CompletableFuture<Void> confirmed) {
    if (!client.isConnected()
        || station.queuedTransactionMessages() == 0
        || System.nanoTime() >= deadline) {
      confirmed.complete(null);
      return;
    }
    Duration next = poll.multipliedBy(2);
    Duration after = next.compareTo(MAX_POLL) > 0 ? MAX_POLL : next;
    client.scheduler().schedule(poll, () -> awaitConfirmations(deadline, after, confirmed));
  }

  private int queued() {
    int[] n = new int[1];
    call(() -> n[0] = station.queuedTransactionMessages());
    return n[0];
  }

  /** Configures a {@link StationRuntime}. */
  public static final class Builder {
    private final TransportConfig config;
    private final StationHardware hardware;
    private StationIdentity identity = new StationIdentity("Kilowire", "KW-1", null, null);
    private @Nullable StationParameters parameters;
    private boolean resumeAfterPowerLoss;
    private java.util.function.UnaryOperator<Configuration.Builder> v16Configuration = c -> c;
    private java.util.function.UnaryOperator<DeviceModel.Builder> v201DeviceModel = d -> d;
    private int evses = 1;
    private @Nullable Path stateDir;
    private Station.Observer observer = new Station.Observer() {};
    private java.util.function.Consumer<ClientState> stateListener = s -> {};
    private @Nullable Function<TaskScheduler, OcppTransport> transportFactory;
    private @Nullable StationThread thread;
    private @Nullable FrameObserver frameObserver;
    private io.kilowire.core.hal.@Nullable FirmwareInstaller firmwareInstaller;
    private io.kilowire.core.hal.@Nullable FirmwarePublisher firmwarePublisher;
    private io.kilowire.core.station.logs.@Nullable LogUploader logUploader;
    private boolean logFrames = true;
    private @Nullable Integer logCapacity;
    private java.util.@Nullable List<StationLayout.Evse> layout;
    private java.util.@Nullable List<Double> evseMaxCurrentA;

    private Builder(TransportConfig config, StationHardware hardware) {
      this.config = Objects.requireNonNull(config);
      this.hardware = Objects.requireNonNull(hardware);
    }

    public Builder identity(StationIdentity identity) {
      this.identity = identity;
      return this;
    }

    /** Fixed parameters instead of the OCPP configuration's (for tests). */
    public Builder parameters(StationParameters parameters) {
      this.parameters = parameters;
      return this;
    }

    /** Resume open transactions after an unclean restart instead of ending them (PowerLoss). */
    public Builder resumeAfterPowerLoss(boolean resume) {
      this.resumeAfterPowerLoss = resume;
      return this;
    }

    /**
     * Adjusts the OCPP 1.6 configuration before it loads (initial values, dropped keys); several
     * adjustments apply in the order given.
     */
    public Builder v16Configuration(
        java.util.function.UnaryOperator<Configuration.Builder> adjust) {
      java.util.function.UnaryOperator<Configuration.Builder> before = this.v16Configuration;
      this.v16Configuration = c -> adjust.apply(before.apply(c));
      return this;
    }

    /** Adjusts the OCPP 2.0.1 device model before it loads; adjustments apply in order. */
    public Builder v201DeviceModel(java.util.function.UnaryOperator<DeviceModel.Builder> adjust) {
      java.util.function.UnaryOperator<DeviceModel.Builder> before = this.v201DeviceModel;
      this.v201DeviceModel = d -> adjust.apply(before.apply(d));
      return this;
    }

    public Builder evses(int evses) {
      this.evses = evses;
      return this;
    }

    /**
     * The EVSEs as built: power, phases, connector types (the 2.0.1 device model's EVSE and
     * Connector components, 1.6 NumberOfConnectors); sets the number of EVSEs too. Default: {@link
     * #evses} EVSEs of 22 kW, three phases, one Type 2 socket each.
     */
    public Builder layout(java.util.List<StationLayout.Evse> evses) {
      this.layout = java.util.List.copyOf(evses);
      this.evses = evses.size();
      return this;
    }

    /**
     * The most current each EVSE's hardware delivers, per phase (EVSE 1 first): the limit where no
     * profile applies and the hardware limit of composite schedules. Default: 32 A each.
     */
    public Builder evseMaxCurrentA(java.util.List<Double> maxima) {
      this.evseMaxCurrentA = java.util.List.copyOf(maxima);
      return this;
    }

    /** Where the queue and state persist; null keeps them in memory (lost at exit). */
    public Builder stateDir(@Nullable Path dir) {
      this.stateDir = dir;
      return this;
    }

    /**
     * Sees every frame in wire order, e.g. a frame trace; its failures never reach the connection
     * (see {@link OcppClient.Builder#frameObserver}).
     */
    public Builder frameObserver(FrameObserver observer) {
      this.frameObserver = observer;
      return this;
    }

    /** Sees the station's events, e.g. a console; its failures never reach the station. */
    public Builder observer(Station.Observer observer) {
      this.observer = observer;
      return this;
    }

    public Builder stateListener(java.util.function.Consumer<ClientState> listener) {
      this.stateListener = listener;
      return this;
    }

    public Builder transportFactory(Function<TaskScheduler, OcppTransport> factory) {
      this.transportFactory = factory;
      return this;
    }

    /**
     * The thread the station runs on; default: its own real-time thread. A virtual-time thread (the
     * emulator's {@code --speed max}) runs hours of station time in seconds.
     */
    public Builder thread(StationThread thread) {
      this.thread = thread;
      return this;
    }

    /**
     * The board's firmware installer: the station then takes firmware updates (1.6 UpdateFirmware
     * and SignedUpdateFirmware, 2.0.1 UpdateFirmware). Its outcomes may complete on any thread.
     */
    public Builder firmwareInstaller(io.kilowire.core.hal.FirmwareInstaller installer) {
      this.firmwareInstaller = installer;
      return this;
    }

    /**
     * Makes the station a local controller serving firmware to others (2.0.1 PublishFirmware);
     * needs {@link #firmwareInstaller} to fetch the images.
     */
    public Builder firmwarePublisher(io.kilowire.core.hal.FirmwarePublisher publisher) {
      this.firmwarePublisher = publisher;
      return this;
    }

    /**
     * Where the station's logs go when a CSMS asks for them (1.6 GetDiagnostics and GetLog, 2.0.1
     * GetLog), e.g. {@link io.kilowire.core.transfer.HttpLogUploader}; without one the station does
     * not upload logs. Its outcomes may complete on any thread.
     */
    public Builder logUploader(io.kilowire.core.station.logs.LogUploader uploader) {
      this.logUploader = uploader;
      return this;
    }

    /**
     * Whether the diagnostics log holds the frames too (default) or only the station's events: a
     * process running thousands of stations keeps the memory.
     */
    public Builder logFrames(boolean frames) {
      this.logFrames = frames;
      return this;
    }

    /**
     * How many entries each of the station's logs keeps (default {@link
     * io.kilowire.core.station.logs.StationLog#CAPACITY}).
     */
    public Builder logCapacity(int entries) {
      this.logCapacity = entries;
      return this;
    }

    public StationRuntime build() {
      return new StationRuntime(this);
    }
  }
}
