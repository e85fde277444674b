package io.kilowire.emulator.sandbox;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.json.JsonFrameCodec;
import io.kilowire.core.ocpp.model.ConstraintViolation;
import io.kilowire.core.ocpp.model.OcppAction;
import io.kilowire.core.ocpp.model.OcppMessage;
import io.kilowire.core.ocpp.model.Role;
import io.kilowire.core.ocpp.rpc.ErrorCode;
import io.kilowire.core.ocpp.rpc.OcppCallException;
import io.kilowire.core.ocpp.rpc.OcppEndpoint;
import io.kilowire.core.ocpp.rpc.RpcSession;
import io.kilowire.core.ocpp.v21.adapter.V21Endpoint;
import io.kilowire.core.ocpp.v21.adapter.V21Translation.Mode;
import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.transport.CloseReason;
import io.kilowire.core.transport.OcppTransport;
import io.kilowire.core.transport.OcppWebSocketServer;
import io.kilowire.core.transport.StationConnection;
import io.kilowire.emulator.cli.Console;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * A CSMS for trying stations out with nothing else installed: it listens on 127.0.0.1, accepts
 * every boot, authorizes every token, numbers transactions, and prints what it sees. It speaks OCPP
 * 2.0.1 and 1.6, preferring 2.0.1 when a station offers both.
 *
 * <p>The conformance suite tests it as its out-of-the-box CSMS, so it also behaves as a CSMS
 * operator would set one up: a token table ({@link #tokens}), station passwords ({@link
 * #passwords}, changed when a station accepts a new one), a boot answered Pending or Rejected once
 * on request ({@link #answerNextBoot}, other calls then get SecurityError until a boot is
 * accepted), and any CSMS-initiated call sent on request ({@link #call}).
 */
public final class SandboxCsms implements AutoCloseable {
  /** The heartbeat interval it hands out, in seconds. */
  public static final int HEARTBEAT_INTERVAL = 60;

  /** The interval it hands out with a Pending or Rejected boot, in seconds. */
  public static final int RETRY_BOOT_INTERVAL = 2;

  private final Console console;
  private final Clock clock;
  private final TaskScheduler scheduler;
  private final int port;
  private final boolean printCalls;
  private final AtomicInteger transactionIds = new AtomicInteger();
  private final JsonFrameCodec codec = new JsonFrameCodec();
  private final Map<String, RpcSession> sessions = new ConcurrentHashMap<>();
  private final Map<String, SandboxStation> stations = new ConcurrentHashMap<>();
  private final Map<String, String> passwords = new ConcurrentHashMap<>();
  private final SandboxCa ca = new SandboxCa(this::now);
  private volatile SandboxTokens tokens = SandboxTokens.acceptAll();
  private volatile @Nullable Function<String, String> signer;
  private volatile @Nullable ContractCheck contractCheck;
  private @Nullable OcppWebSocketServer server;
  private @Nullable Duration pingInterval;
  private @Nullable SSLContext tls;
  private boolean requireClientCertificate;
  private final java.util.List<DischargeProgramme> programmes =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  /** A sandbox in virtual time: stations reach it over in-memory links ({@link #accept}). */
  private boolean setsDefaultTariff;

  private volatile boolean feedBackOnNeeds;

  private volatile @Nullable DerCurveProgramme derCurves;

  private SandboxCsms(Console console, TaskScheduler scheduler, Clock clock, boolean printCalls) {
    this.console = console;
    this.clock = clock;
    this.scheduler = scheduler;
    this.port = -1;
    this.printCalls = printCalls;
  }

  /**
   * A sandbox without a socket for stations on in-memory links, on {@code scheduler} (virtual time
   * in the emulator's {@code --speed max}).
   *
   * @param printCalls print every call (a simulated day of many stations prints a lot)
   */
  public static SandboxCsms inMemory(
      Console console, TaskScheduler scheduler, Clock clock, boolean printCalls) {
    return new SandboxCsms(console, scheduler, clock, printCalls);
  }

  /** A sandbox listening on 127.0.0.1:{@code port} (0 = any free port) once {@link #start}ed. */
  public SandboxCsms(Console console, TaskScheduler scheduler, Clock clock, int port) {
    this(console, scheduler, clock, port, true);
  }

  /**
   * A sandbox on a socket that prints nothing: the load benchmark's CSMS, holding thousands of
   * stations (the NIO server needs no thread per connection).
   */
  public static SandboxCsms quiet(TaskScheduler scheduler, Clock clock, int port) {
    return new SandboxCsms(
        new Console(new java.io.PrintStream(java.io.OutputStream.nullOutputStream())),
        scheduler,
        clock,
        port,
        false);
  }

  private SandboxCsms(
      Console console, TaskScheduler scheduler, Clock clock, int port, boolean printCalls) {
    if (port < 0) {
      throw new IllegalArgumentException("port must be 0 or more, got " + port);
    }
    this.console = console;
    this.clock = clock;
    this.scheduler = scheduler;
    this.port = port;
    this.printCalls = printCalls;
  }

  /**
   * Every day from {@code from} until {@code until} (in {@code zone}; past midnight when earlier)
   * the sandbox asks the EVs of its 2.1 stations to feed back {@code a} amperes per phase.
   */
  public record DischargeWindow(LocalTime from, LocalTime until, double a, ZoneId zone) {
    public DischargeWindow {
      if (from.equals(until)) {
        throw new IllegalArgumentException("the window must not end where it starts: " + from);
      }
      if (!(a > 0)) {
        throw new IllegalArgumentException("the current to feed back must be above 0: " + a);
      }
    }
  }

  /**
   * Runs a V2G programme ({@link DischargeProgramme}: OCPP 2.1 CentralSetpoint TxProfiles with a
   * negative setpoint) in {@code window}, every day, from now on.
   */
  public SandboxCsms discharge(DischargeWindow window) {
    DischargeProgramme p = new DischargeProgramme(this, scheduler, window);
    programmes.add(p);
    p.start();
    return this;
  }

  /**
   * Answers the charging needs of a bidirectional EV on a 2.1 station with a TxProfile that asks it
   * to feed back ({@link V2xNeeds}: where the needs and the station's V2XChargingCtrlr allow it),
   * instead of the charging-only TxProfile every ISO 15118 EV gets. Off unless asked for: in a run
   * with a site, its V2G programme decides when EVs feed back.
   */
  public SandboxCsms feedBackOnNeeds() {
    this.feedBackOnNeeds = true;
    return this;
  }

  boolean feedsBackOnNeeds() {
    return feedBackOnNeeds;
  }

  /** A station reported a transaction started (the V2G programme may ask it to feed back). */
  void transactionStarted() {
    programmes.forEach(DischargeProgramme::transactionStarted);
  }

  /** The stations connected now on {@code version}. */
  java.util.List<String> connected(OcppVersion version) {
    return sessions.entrySet().stream()
        .filter(e -> e.getValue().version() == version)
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }

  /**
   * Sets the sandbox's price list ({@link SandboxTariff}) as the default tariff of every 2.1
   * station whose boot it accepts (SetDefaultTariff for EVSE 0), so that those stations calculate
   * their cost themselves (2.1 I07, I12).
   */
  public SandboxCsms defaultTariff() {
    this.setsDefaultTariff = true;
    return this;
  }

  /**
   * Sets {@code curves} (the site's {@code grid.der}) as default DER controls on every 2.1 station
   * whose boot it accepts ({@link DerCurveProgramme}).
   */
  public SandboxCsms derCurves(java.util.List<io.kilowire.emulator.site.SiteDerCurve> curves) {
    return derCurves(curves, java.time.ZoneOffset.UTC);
  }

  /** As {@link #derCurves(java.util.List)}; scheduled curves' times of day in {@code zone}. */
  public SandboxCsms derCurves(
      java.util.List<io.kilowire.emulator.site.SiteDerCurve> curves, java.time.ZoneId zone) {
    this.derCurves = curves.isEmpty() ? null : new DerCurveProgramme(this, curves, zone, scheduler);
    return this;
  }

  /** Whether {@code stationId} has a session with the sandbox now. */
  boolean connected(String stationId) {
    return sessions.containsKey(stationId);
  }

  /**
   * {@code stationId}'s boot was accepted: a 2.1 station gets the default tariff and the DER
   * curves, if set so.
   */
  void bootAccepted(String stationId) {
    RpcSession session = sessions.get(stationId);
    DerCurveProgramme der = derCurves;
    if (der != null && session != null && session.version() == OcppVersion.V21) {
      // After the boot's answer, as the tariff below.
      scheduler.schedule(Duration.ZERO, () -> der.bootAccepted(stationId));
    }
    if (!setsDefaultTariff || session == null || session.version() != OcppVersion.V21) {
      return;
    }
    // After the boot's answer: a CSMS sends nothing before it has accepted the station.
    scheduler.schedule(
        java.time.Duration.ZERO,
        () ->
            call(stationId, "SetDefaultTariff", SandboxTariff.defaultTariff())
                .whenComplete(
                    (answer, failure) ->
                        print(
                            stationId,
                            "<- SetDefaultTariff "
                                + (failure == null ? answer : "failed: " + failure.getMessage()))));
  }

  /** Answers tokens from {@code table} instead of accepting all. */
  public SandboxCsms tokens(SandboxTokens table) {
    this.tokens = table;
    return this;
  }

  /**
   * Requires HTTP Basic auth with these passwords (station id to password); before {@link #start}.
   * A station that accepts a new password (2.0.1 SecurityCtrlr.BasicAuthPassword, 1.6
   * AuthorizationKey) must use it from then on.
   */
  public SandboxCsms passwords(Map<String, String> table) {
    passwords.putAll(table);
    return this;
  }

  /**
   * Signs the CSRs stations send (SignCertificate) with {@code csrToChain}, a PEM CSR to the PEM
   * chain, and sends the result back in CertificateSigned; without one SignCertificate is Rejected.
   */
  public SandboxCsms certificateSigner(Function<String, String> csrToChain) {
    this.signer = csrToChain;
    return this;
  }

  /**
   * Judges the contract certificates ISO 15118 stations present in Authorize with {@code check} and
   * answers certificateStatus (C07); without one it is left out.
   */
  public SandboxCsms contractCheck(ContractCheck check) {
    this.contractCheck = check;
    return this;
  }

  /**
   * Serves wss:// with {@code context} (see {@code TlsContexts.forServer}) instead of ws://; {@code
   * requireClientCertificate} turns away stations without a certificate the context trusts
   * (security profile 3). Before {@link #start}.
   */
  public SandboxCsms tls(SSLContext context, boolean requireClientCertificate) {
    this.tls = context;
    this.requireClientCertificate = requireClientCertificate;
    return this;
  }

  /**
   * How often the server pings each station (whole seconds; zero: never); before {@link #start}.
   * Unset, the server's default.
   */
  public SandboxCsms pingInterval(Duration interval) {
    this.pingInterval = interval;
    return this;
  }

  /** Starts listening (a sandbox on in-memory links has nothing to start). */
  public SandboxCsms start() {
    if (port < 0 || server != null) {
      return this;
    }
    OcppWebSocketServer.Builder builder =
        OcppWebSocketServer.builder(scheduler)
            .bind(new InetSocketAddress("127.0.0.1", port))
            // 2.1 last: a station offering 2.0.1 as well keeps the version it has always had.
            .ocppVersions(OcppVersion.V201, OcppVersion.V16, OcppVersion.V21)
            .sessionInitializer(this::initialize)
            .listener(
                new OcppWebSocketServer.Listener() {
                  @Override
                  public void onConnected(StationConnection c) {
                    console.line(
                        "sandbox",
                        c.stationId() + " connected (" + c.version().subprotocol() + ")");
                    if (presentedCertificate(c)) {
                      connectedWithCertificate(c.stationId());
                    }
                  }

                  @Override
                  public void onDisconnected(StationConnection c, CloseReason reason) {
                    sessions.remove(c.stationId(), c.session());
                    console.line("sandbox", c.stationId() + " disconnected: " + reason.kind());
                  }
                });
    Duration ping = pingInterval;
    if (ping != null) {
      builder.pingInterval(ping);
    }
    if (!passwords.isEmpty()) {
      builder.basicAuth(this::authenticate);
    }
    SSLContext context = tls;
    if (context != null) {
      builder.tls(context).requireClientCertificate(requireClientCertificate);
    }
    OcppWebSocketServer started = builder.build();
    server = started;
    started.start();
    return this;
  }

  private static boolean presentedCertificate(StationConnection c) {
    return c.tlsSession()
        .map(
            s -> {
              try {
                return s.getPeerCertificates().length > 0;
              } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                return false;
              }
            })
        .orElse(false);
  }

  /** The base URL stations connect to (their id is appended). */
  public URI uri() {
    OcppWebSocketServer s = server;
    if (s == null) {
      throw new IllegalStateException("an in-memory or unstarted sandbox has no URL");
    }
    return s.uri();
  }

  /**
   * Whether the HTTP upgrade of {@code stationId} with {@code password} (null: none sent) is let
   * through: always without a password table, else only with the station's current password.
   */
  public boolean authenticate(String stationId, @Nullable String password) {
    SandboxStation known = stations.get(stationId);
    if (known != null && known.certificateOnly) {
      return false; // raised to security profile 3: no going back (A05.FR.07)
    }
    if (passwords.isEmpty()) {
      return true;
    }
    String expected = passwords.get(stationId);
    return expected != null
        && password != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * {@code stationId} connected presenting a client certificate (security profile 3): if it had
   * accepted to move to profile 3, from now on only its certificate lets it in.
   */
  public void connectedWithCertificate(String stationId) {
    SandboxStation s = station(stationId);
    if (s.upgradingTo == 3) {
      s.upgradingTo = 0;
      s.certificateOnly = true;
    }
  }

  /**
   * Serves the station {@code stationId} on the CSMS end of an in-memory link: it accepts the
   * connection, and again after every close, as a listening server would.
   */
  public void accept(OcppTransport csmsEnd, String stationId, OcppVersion version) {
    csmsEnd.connect(
        new OcppTransport.Listener() {
          private @Nullable RpcSession session;

          @Override
          public void onOpen(OcppVersion negotiated) {
            RpcSession s =
                new RpcSession(
                    RpcSession.Config.of("sandbox", negotiated, Role.CSMS),
                    codec,
                    csmsEnd::send,
                    scheduler);
            register(s, stationId, negotiated);
            session = s;
            s.connected();
            console.line("sandbox", stationId + " connected (" + negotiated.subprotocol() + ")");
          }

          @Override
          public void onMessage(String frame) {
            RpcSession s = session;
            if (s != null) {
              s.onFrame(frame);
            }
          }

          @Override
          public void onClose(CloseReason reason, boolean remote) {
            RpcSession s = session;
            session = null;
            if (s != null) {
              sessions.remove(stationId, s);
              s.disconnected();
            }
            // Listen again for the station's next connection.
            scheduler.schedule(Duration.ZERO, () -> accept(csmsEnd, stationId, version));
          }
        });
  }

  /**
   * Answers the next BootNotification of {@code stationId} with {@code status} (Pending or
   * Rejected) instead of Accepted; until a later boot is accepted, the station's other calls get
   * SecurityError.
   */
  /**
   * Answers {@code stationId}'s next TransactionEvent with the transactionLimit of {@code answer}
   * (a 2.1 TransactionEventResponse as JSON; 2.1 stations only).
   *
   * @throws IllegalArgumentException when {@code answer} is no such response or has no limit
   */
  public void answerNextTransactionEvent(String stationId, String answer) {
    io.kilowire.core.ocpp.v21.TransactionEventResponse response;
    try {
      response =
          codec.decodePayload(
              codec.parsePayload(answer), io.kilowire.core.ocpp.v21.TransactionEventResponse.class);
    } catch (ConstraintViolation e) {
      throw new IllegalArgumentException(
          "not a 2.1 TransactionEventResponse: " + e.getMessage(), e);
    }
    if (response.transactionLimit() == null) {
      throw new IllegalArgumentException("the sandbox sets only a transactionLimit in this answer");
    }
    station(stationId).nextTransactionLimit = response.transactionLimit();
  }

  public void answerNextBoot(String stationId, String status) {
    if (!status.equals("Pending") && !status.equals("Rejected") && !status.equals("Accepted")) {
      throw new IllegalArgumentException("a boot is answered Accepted, Pending or Rejected");
    }
    station(stationId).nextBootStatus = status;
  }

  /**
   * Sends {@code action} with the JSON {@code payload} to the connected station {@code stationId}.
   * The future completes with the CALLRESULT's payload as JSON, or fails: no such station, a
   * payload its schema refuses ({@link ConstraintViolation}), or a failed call.
   */
  /** The sandbox's CA root certificate (PEM): what it installs when asked for a root. */
  public String caCertificatePem() {
    return ca.rootPem();
  }

  SandboxCa ca() {
    return ca;
  }

  public CompletableFuture<String> call(String stationId, String action, String payload) {
    RpcSession session = sessions.get(stationId);
    if (session == null) {
      return CompletableFuture.failedFuture(
          new IllegalStateException(stationId + " is not connected to the sandbox"));
    }
    OcppAction known = session.actions().byName(action).orElse(null);
    if (known == null) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException(
              action + " is not an action of " + session.version().subprotocol()));
    }
    OcppMessage request;
    try {
      request = codec.decodePayload(codec.parsePayload(payload), known.requestType());
    } catch (ConstraintViolation e) {
      return CompletableFuture.failedFuture(e);
    }
    if (session.version() == OcppVersion.V21) {
      // what 2.1 kept of 2.0.1 goes through the same bookkeeping; send() makes it 2.1 again
      request = V21Records.as201(action, request, false);
    }
    int limit = station(stationId).itemsPerGetVariables;
    if (request instanceof io.kilowire.core.ocpp.v201.GetVariablesRequest get
        && limit > 0
        && get.getVariableData().size() > limit) {
      // As a CSMS must: no more per request than the station said it takes (B06.FR.05).
      CompletableFuture<String> last = null;
      for (int from = 0; from < get.getVariableData().size(); from += limit) {
        var part =
            new io.kilowire.core.ocpp.v201.GetVariablesRequest(
                get.customData(),
                get.getVariableData()
                    .subList(from, Math.min(from + limit, get.getVariableData().size())));
        last = send(stationId, session, known, part);
      }
      return last;
    }
    int clearLimit = station(stationId).itemsPerClearMonitoring;
    if (request instanceof io.kilowire.core.ocpp.v201.ClearVariableMonitoringRequest clear
        && clearLimit > 0
        && clear.id().size() > clearLimit) {
      // The same for monitors: no more ids per request than the station takes (N06.FR.02).
      CompletableFuture<String> last = null;
      for (int from = 0; from < clear.id().size(); from += clearLimit) {
        var part =
            new io.kilowire.core.ocpp.v201.ClearVariableMonitoringRequest(
                clear.customData(),
                clear.id().subList(from, Math.min(from + clearLimit, clear.id().size())));
        last = send(stationId, session, known, part);
      }
      return last;
    }
    return send(stationId, session, known, request);
  }

  private CompletableFuture<String> send(
      String stationId, RpcSession session, OcppAction known, OcppMessage request) {
    String action = known.wireName();
    print(stationId, "-> " + action);
    boolean v21 = session.version() == OcppVersion.V21;
    return session
        .call(known, v21 ? V21Records.as21(known, request) : request)
        .thenApply(
            response -> {
              if (v21) {
                V21Handlers.sent(station(stationId), request, response);
              }
              station(stationId)
                  .answered(
                      stationId,
                      request,
                      v21 ? V21Records.as201(action, response, true) : response,
                      this);
              return codec.encodePayload(response).json();
            });
  }

  private void initialize(StationConnection connection, RpcSession session) {
    register(session, connection.stationId(), connection.version());
  }

  private void register(RpcSession session, String stationId, OcppVersion version) {
    sessions.put(stationId, session);
    if (version == OcppVersion.V16) {
      V16Handlers.register(session, this, stationId);
    } else if (version == OcppVersion.V21) {
      // The 2.0.1 handlers over the 2.1 bridge; a station's 2.1 extras are ignored, as a 2.0.1
      // CSMS would. CSMS-initiated calls (call()) go on the 2.1 session as 2.1 records.
      V201Handlers.register(
          V21Handlers.endpoint(new V21Endpoint(session, Mode.LENIENT), this, stationId),
          this,
          stationId);
      V21Handlers.register(session, this, stationId);
    } else {
      V201Handlers.register(session, this, stationId);
    }
  }

  void print(String stationId, String message) {
    if (!printCalls) {
      return;
    }
    console.line("sandbox", stationId + " " + message);
  }

  int nextTransactionId() {
    return transactionIds.incrementAndGet();
  }

  /** The sandbox's clock (virtual in a virtual-time run). */
  public Instant now() {
    return clock.instant();
  }

  SandboxTokens.Entry token(String idToken) {
    return tokens.lookup(idToken);
  }

  @Nullable ContractCheck contractCheck() {
    return contractCheck;
  }

  /**
   * Whether a CSR can be signed; if so the chain goes back in CertificateSigned after the reply
   * ({@code certificateType}: the 2.0.1 type to echo, or null).
   */
  boolean signLater(
      String stationId, String csr, OcppVersion version, @Nullable String certificateType) {
    Function<String, String> s = signer;
    if (s == null) {
      return false;
    }
    String chain;
    try {
      chain = s.apply(csr);
    } catch (RuntimeException e) {
      print(stationId, "cannot sign the CSR: " + e.getMessage());
      return false;
    }
    OcppMessage signed =
        version == OcppVersion.V16
            ? new io.kilowire.core.ocpp.v16.CertificateSignedRequest(chain)
            : new io.kilowire.core.ocpp.v201.CertificateSignedRequest(
                null,
                chain,
                certificateType == null
                    ? null
                    : OcppEnums.of(
                        io.kilowire.core.ocpp.v201.CertificateSigningUse.class, certificateType));
    String payload = codec.encodePayload(signed).json();
    callLater(stationId, "CertificateSigned", payload);
    return true;
  }

  SandboxStation station(String stationId) {
    return stations.computeIfAbsent(stationId, id -> new SandboxStation());
  }

  void changePassword(String stationId, String password) {
    if (!passwords.isEmpty()) {
      passwords.put(stationId, password);
    }
  }

  /** Sends a call of the sandbox's own accord, after the reply to the call being handled. */
  void callLater(String stationId, String action, String payload) {
    scheduler.schedule(
        Duration.ZERO,
        () ->
            call(stationId, action, payload)
                .whenComplete(
                    (reply, failure) -> {
                      if (failure != null) {
                        print(stationId, action + " failed: " + failure.getMessage());
                      }
                    }));
  }

  /**
   * Registers {@code handler} and prints each call with the summary {@code describe} makes. A
   * station whose boot was not accepted gets SecurityError for every call but BootNotification.
   */
  static <Q extends OcppMessage, R extends OcppMessage> void on(
      OcppEndpoint session,
      SandboxCsms csms,
      String stationId,
      Class<Q> type,
      Function<Q, String> describe,
      Function<Q, R> handler) {
    String action = type.getSimpleName().replace("Request", "");
    session.handle(
        type,
        request -> {
          if (!action.equals("BootNotification") && !csms.station(stationId).accepted) {
            csms.print(stationId, action + " before an accepted boot -> SecurityError");
            throw new OcppCallException(
                ErrorCode.SECURITY_ERROR, "the station's boot has not been accepted");
          }
          R response = handler.apply(request);
          String summary = describe.apply(request);
          csms.print(stationId, action + (summary.isEmpty() ? "" : " " + summary));
          return response;
        });
  }

  @Override
  public void close() {
    programmes.forEach(DischargeProgramme::close);
    OcppWebSocketServer s = server;
    if (s != null) {
      s.stop();
    }
  }
}
