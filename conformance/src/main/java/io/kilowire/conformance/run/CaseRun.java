package io.kilowire.conformance.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.driver.CsmsDriver;
import io.kilowire.conformance.driver.DriverException;
import io.kilowire.conformance.driver.TriggerRequest;
import io.kilowire.conformance.lab.LabConfiguration;
import io.kilowire.conformance.pki.ContractAuthority;
import io.kilowire.conformance.script.Capture;
import io.kilowire.conformance.script.CaseContext;
import io.kilowire.conformance.script.Check;
import io.kilowire.conformance.script.Credentials;
import io.kilowire.conformance.script.Json;
import io.kilowire.conformance.script.Step;
import io.kilowire.conformance.wire.Clockwork;
import io.kilowire.conformance.wire.StationSide;
import io.kilowire.core.ocpp.OcppVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Interprets one case's script against the CSMS and reads the verdict from the wire. Steps run in
 * order; the first one that fails decides the verdict and the rest are not run. After every step
 * the {@link io.kilowire.conformance.wire.SchemaOracle}'s finding, if any, fails the case.
 */
final class CaseRun implements CaseContext {
  /** Variables the cleanup reads: a transaction the case left running. */
  static final String OPEN_TRANSACTION = "openTransaction";

  private final ConformanceCase kase;
  private final LabConfiguration lab;
  private final LabConfiguration.Station station;
  private final StationSide wire;
  private final CsmsDriver driver;
  private final Clockwork clock;
  private final List<Step> cleanup;
  private final java.util.function.Supplier<ContractAuthority> contracts;
  private final Map<String, JsonNode> variables = new HashMap<>();
  private final List<StepRecord> records = new ArrayList<>();
  private @Nullable String lastCallId;
  private String lastAction = "";
  private boolean replyConsumed = true;
  private StationSide.@Nullable IncomingCall currentCall;
  private boolean currentCallSkipped;
  private boolean afterTrigger;

  CaseRun(
      ConformanceCase kase,
      LabConfiguration lab,
      LabConfiguration.Station station,
      StationSide wire,
      CsmsDriver driver,
      List<Step> cleanup,
      java.util.function.Supplier<ContractAuthority> contracts) {
    this.kase = kase;
    this.lab = lab;
    this.station = station;
    this.wire = wire;
    this.driver = driver;
    this.clock = wire.clock();
    this.cleanup = cleanup;
    this.contracts = contracts;
  }

  /** The outcome of a step that stops the case. */
  private static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final Verdict verdict;
    final String requirement;
    final @Nullable String observed;

    Stop(Verdict verdict, String reason, String requirement) {
      this(verdict, reason, requirement, null);
    }

    /** {@code observed}: the CSMS frame the failing step judged. */
    Stop(Verdict verdict, String reason, String requirement, @Nullable String observed) {
      super(reason, null, false, false);
      this.verdict = verdict;
      this.requirement = requirement;
      this.observed = observed;
    }
  }

  CaseResult run() {
    Instant started = clock.now();
    Verdict verdict = Verdict.PASS;
    String reason = "";
    String requirement = "";
    String observed = null;
    Phase failedIn = null;
    Phase phase = Phase.BEFORE;
    try {
      if (!kase.connectsItself()) {
        connect();
      }
      runAll(kase.before(), 0, Phase.BEFORE);
      phase = Phase.MAIN;
      runAll(kase.main(), 0, Phase.MAIN);
      awaitOutstandingReply();
    } catch (Stop stop) {
      verdict = stop.verdict;
      reason = stop.getMessage();
      requirement = stop.requirement;
      observed = stop.observed;
      failedIn = phase;
    }
    if (verdict == Verdict.PASS || wire.isOpen()) {
      cleanUp();
    }
    String late = wire.violation();
    if (verdict == Verdict.PASS && late != null) {
      // Every CSMS frame is judged, also those after the scenario (answering the clean-up).
      verdict = Verdict.FAIL;
      reason = "schema, after the scenario: " + late;
      observed = wire.violatingFrame();
      failedIn = Phase.CLEANUP;
    }
    wire.close(lab.timeouts().response());
    return new CaseResult(
        kase,
        verdict,
        reason,
        requirement,
        observed,
        failedIn,
        station.id(),
        records,
        wire.frames(),
        Duration.between(started, clock.now()));
  }

  private void connect() {
    String problem = wire.connect(station, station.password(), lab.timeouts().response());
    if (problem != null) {
      records.add(
          new StepRecord(
              "connect as " + station.id(), 0, Phase.BEFORE, StepRecord.Outcome.FAILED, problem));
      throw new Stop(Verdict.FAIL, "connect as " + station.id() + ": " + problem, "");
    }
    records.add(
        new StepRecord("connect as " + station.id(), 0, Phase.BEFORE, StepRecord.Outcome.DONE, ""));
  }

  private void runAll(List<Step> steps, int depth, Phase phase) {
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      int index = records.size();
      records.add(new StepRecord(step.label(), depth, phase, StepRecord.Outcome.DONE, ""));
      try {
        String detail = execute(step, depth, phase);
        if (detail != null) {
          records.set(
              index,
              new StepRecord(step.label(), depth, phase, StepRecord.Outcome.SKIPPED, detail));
        }
        String violation = wire.violation();
        if (violation != null) {
          throw new Stop(Verdict.FAIL, "schema: " + violation, "", wire.violatingFrame());
        }
      } catch (Stop stop) {
        records.set(
            index,
            new StepRecord(
                step.label(), depth, phase, StepRecord.Outcome.FAILED, stop.getMessage()));
        for (int j = i + 1; j < steps.size(); j++) {
          records.add(
              new StepRecord(steps.get(j).label(), depth, phase, StepRecord.Outcome.NOT_RUN, ""));
        }
        throw new Stop(
            stop.verdict, prefixed(step, stop.getMessage()), stop.requirement, stop.observed);
      } catch (RuntimeException e) {
        records.set(
            index,
            new StepRecord(
                step.label(), depth, phase, StepRecord.Outcome.FAILED, "suite error: " + e));
        throw new Stop(Verdict.ERROR, "suite error in '" + step.label() + "': " + e, "");
      }
    }
  }

  private static String prefixed(Step step, String message) {
    // Nested states already prefixed their inner step; keep the innermost, most useful name.
    return message.startsWith("'") ? message : "'" + step.label() + "': " + message;
  }

  /** Runs one step; returns null when it ran, or why it was skipped. */
  private @Nullable String execute(Step step, int depth, Phase phase) {
    if (step instanceof Step.State state) {
      runAll(state.steps(), depth + 1, phase);
      return null;
    }
    if (step instanceof Step.Expand expand) {
      runAll(expand.steps().apply(this), depth + 1, phase);
      return null;
    }
    if (step instanceof Step.When when) {
      if (!when.test().test(this)) {
        return "not needed";
      }
      runAll(when.steps(), depth + 1, phase);
      return null;
    }
    if (step instanceof Step.Send send) {
      awaitOutstandingReply();
      ObjectNode payload = send.payload().build(this);
      String id = wire.call(send.action(), payload);
      if (id == null) {
        throw new Stop(Verdict.FAIL, "the connection is closed" + closeDetail(), "");
      }
      lastCallId = id;
      lastAction = send.action();
      replyConsumed = false;
      return null;
    }
    if (step instanceof Step.ExpectResult expect) {
      JsonNode payload = expectResult();
      for (Check check : expect.checks()) {
        Optional<String> failure = check.verify(payload, this);
        if (failure.isPresent()) {
          throw new Stop(
              Verdict.FAIL,
              lastAction + " response: " + failure.get(),
              check.requirement(),
              answerFrame());
        }
      }
      capture(expect.captures(), payload);
      Long arrived = lastCallId == null ? null : wire.resultArrived(lastCallId);
      if (arrived != null) {
        variables.put(
            RESULT_ARRIVED, com.fasterxml.jackson.databind.node.LongNode.valueOf(arrived));
      }
      return null;
    }
    if (step instanceof Step.ExpectError expect) {
      StationSide.Reply reply = awaitReply();
      if (reply instanceof StationSide.Reply.Result result) {
        throw new Stop(
            Verdict.FAIL,
            "expected a CALLERROR"
                + (expect.codes().isEmpty() ? "" : " " + String.join(" or ", expect.codes()))
                + " to "
                + lastAction
                + ", got the CALLRESULT "
                + Json.text(result.payload()),
            "",
            answerFrame());
      }
      StationSide.Reply.Error error = (StationSide.Reply.Error) reply;
      if (!expect.codes().isEmpty() && !expect.codes().contains(error.code())) {
        throw new Stop(
            Verdict.FAIL,
            "expected CALLERROR "
                + String.join(" or ", expect.codes())
                + " to "
                + lastAction
                + ", got "
                + error.code(),
            "",
            answerFrame());
      }
      return null;
    }
    if (step instanceof Step.Trigger trigger) {
      awaitOutstandingReply();
      clock.settle();
      TriggerRequest request =
          new TriggerRequest(
              kase.id(),
              station.id(),
              trigger.action(),
              trigger.payload().build(this),
              trigger.instruction(),
              trigger.kind() == Step.Trigger.Kind.SEND ? "send" : "answer");
      try {
        driver.trigger(request);
      } catch (DriverException e) {
        throw new Stop(Verdict.ERROR, "driver " + driver.describe() + ": " + e.getMessage(), "");
      }
      afterTrigger = trigger.kind() == Step.Trigger.Kind.SEND;
      return null;
    }
    if (step instanceof Step.ExpectCall expect) {
      return expectCall(expect);
    }
    if (step instanceof Step.Respond respond) {
      StationSide.IncomingCall call = takeCurrentCall();
      if (call == null) {
        return "its call did not come";
      }
      if (!wire.answer(call, respond.payload().build(this))) {
        throw new Stop(Verdict.FAIL, "the connection is closed" + closeDetail(), "");
      }
      return null;
    }
    if (step instanceof Step.RespondError respond) {
      StationSide.IncomingCall call = takeCurrentCall();
      if (call == null) {
        return "its call did not come";
      }
      if (!wire.answerError(call, respond.errorCode(), "refused by the conformance suite")) {
        throw new Stop(Verdict.FAIL, "the connection is closed" + closeDetail(), "");
      }
      return null;
    }
    if (step instanceof Step.SendRaw raw) {
      awaitOutstandingReply();
      String id = wire.sendRaw(raw.frame().apply(this));
      if (id == null) {
        throw new Stop(Verdict.FAIL, "the connection is closed" + closeDetail(), "");
      }
      if (!id.isEmpty()) {
        lastCallId = id;
        lastAction = "the raw CALL";
        replyConsumed = false;
      }
      return null;
    }
    if (step instanceof Step.Reconnect reconnect) {
      awaitOutstandingReply();
      wire.close(lab.timeouts().response());
      String problem =
          wire.connect(
              as(reconnect.credentials()),
              password(reconnect.credentials()),
              lab.timeouts().response());
      if (problem != null) {
        throw new Stop(Verdict.FAIL, problem, "");
      }
      return null;
    }
    if (step instanceof Step.ExpectRefused refused) {
      awaitOutstandingReply();
      Credentials c = refused.credentials();
      String user =
          c.kind() == Credentials.Kind.WRONG_USER ? station.id() + "Invalid" : station.id();
      String password = password(c);
      String selected =
          wire.connector()
              .negotiate(
                  as(c),
                  user,
                  password,
                  java.util.List.of(kase.version().subprotocol()),
                  lab.timeouts().response());
      if (selected != null) {
        throw new Stop(
            Verdict.FAIL,
            c.kind() == Credentials.Kind.UNTRUSTED_CLIENT_CERTIFICATE
                ? "the CSMS accepted a connection with a client certificate it cannot trust"
                : "the CSMS completed the WebSocket upgrade although the credentials were wrong ("
                    + c.kind()
                    + ")",
            c.kind() == Credentials.Kind.UNTRUSTED_CLIENT_CERTIFICATE
                ? "A00.FR.407"
                : "A00.FR.204");
      }
      return null;
    }
    if (step instanceof Step.ExpectSubprotocol probe) {
      awaitOutstandingReply();
      String selected =
          wire.connector()
              .negotiate(
                  station,
                  station.id(),
                  station.password(),
                  probe.offered(),
                  lab.timeouts().response());
      if (!java.util.Objects.equals(selected, probe.expected())) {
        throw new Stop(
            Verdict.FAIL,
            "offered "
                + String.join(", ", probe.offered())
                + ": expected "
                + (probe.expected() == null ? "the connection refused" : probe.expected())
                + ", got "
                + (selected == null ? "a refusal" : selected),
            "");
      }
      return null;
    }
    if (step instanceof Step.CheckTls check) {
      checkTls(check);
      return null;
    }
    if (step instanceof Step.Disconnect) {
      awaitOutstandingReply();
      wire.close(lab.timeouts().response());
      return null;
    }
    if (step instanceof Step.Wait wait) {
      clock.sleep(wait.duration());
      return null;
    }
    if (step instanceof Step.Verify verify) {
      if (!verify.test().test(this)) {
        throw new Stop(Verdict.FAIL, verify.failure(), verify.requirement());
      }
      return null;
    }
    if (step instanceof Step.Compute compute) {
      Consumer<CaseContext> action = compute.action();
      action.accept(this);
      return null;
    }
    throw new IllegalStateException("no interpreter for " + step);
  }

  private @Nullable String expectCall(Step.ExpectCall expect) {
    boolean triggered = afterTrigger;
    afterTrigger = false;
    currentCall = null;
    currentCallSkipped = false;
    Duration within =
        expect.within() != null
            ? expect.within()
            : triggered ? lab.timeouts().trigger() : lab.timeouts().response();
    Instant deadline = clock.now().plus(within);
    while (true) {
      Duration left = Duration.between(clock.now(), deadline);
      StationSide.IncomingCall call = wire.awaitCall(left.isNegative() ? Duration.ZERO : left);
      if (wire.violation() != null) {
        throw new Stop(Verdict.FAIL, "schema: " + wire.violation(), "", wire.violatingFrame());
      }
      if (call == null) {
        if (expect.optional()) {
          currentCallSkipped = true;
          return "the CSMS did not send " + expect.action();
        }
        String what =
            "the CSMS did not send " + expect.action() + " within " + within.toMillis() + " ms";
        if (triggered) {
          throw new Stop(Verdict.INCONCLUSIVE, what + " of the trigger", "");
        }
        throw new Stop(Verdict.FAIL, what, "");
      }
      if (!call.action().equals(expect.action())) {
        if (expect.optional()) {
          currentCallSkipped = true;
          return "the CSMS sent " + call.action() + " instead";
        }
        // Something else first: refuse it and keep waiting for the call the case is about.
        wire.answerError(call, "NotSupported", "not expected by this conformance case");
        continue;
      }
      for (Check check : expect.checks()) {
        Optional<String> failure = check.verify(call.payload(), this);
        if (failure.isPresent()) {
          currentCall = call;
          throw new Stop(
              Verdict.FAIL,
              expect.action() + " request: " + failure.get(),
              check.requirement(),
              wire.csmsFrame(call.messageId()));
        }
      }
      capture(expect.captures(), call.payload());
      variables.put(LAST_CALL, call.payload());
      currentCall = call;
      return null;
    }
  }

  private StationSide.@Nullable IncomingCall takeCurrentCall() {
    if (currentCallSkipped) {
      currentCallSkipped = false;
      return null;
    }
    StationSide.IncomingCall call = currentCall;
    if (call == null) {
      throw new IllegalStateException("respond without a call to answer");
    }
    currentCall = null;
    return call;
  }

  private JsonNode expectResult() {
    StationSide.Reply reply = awaitReply();
    if (reply instanceof StationSide.Reply.Error error) {
      throw new Stop(
          Verdict.FAIL,
          "expected a CALLRESULT to "
              + lastAction
              + ", got CALLERROR "
              + error.code()
              + " \""
              + error.description()
              + "\"",
          "",
          answerFrame());
    }
    return ((StationSide.Reply.Result) reply).payload();
  }

  /** The CSMS's answer to the last CALL the station sent, as it came. */
  private @Nullable String answerFrame() {
    return lastCallId == null ? null : wire.csmsFrame(lastCallId);
  }

  private StationSide.Reply awaitReply() {
    String id = lastCallId;
    if (id == null || replyConsumed) {
      throw new IllegalStateException("expecting a reply without a CALL sent");
    }
    replyConsumed = true;
    StationSide.Reply reply = wire.awaitReply(id, lab.timeouts().response());
    if (wire.violation() != null) {
      throw new Stop(Verdict.FAIL, "schema: " + wire.violation(), "", wire.violatingFrame());
    }
    if (reply == null) {
      throw new Stop(
          Verdict.FAIL,
          "no answer to "
              + lastAction
              + " within "
              + lab.timeouts().response().toMillis()
              + " ms"
              + (wire.isOpen() ? "" : closeDetail()),
          "");
    }
    return reply;
  }

  /** A CALL whose reply no step awaited still has to be answered before the next one goes. */
  private void awaitOutstandingReply() {
    if (lastCallId != null && !replyConsumed) {
      awaitReply();
    }
  }

  private String closeDetail() {
    var reason = wire.closeReason();
    return reason == null ? "" : " (" + reason.kind() + ": " + reason.detail() + ")";
  }

  private void capture(List<Capture> captures, JsonNode payload) {
    for (Capture c : captures) {
      JsonNode value = Json.at(payload, c.path());
      if (!value.isMissingNode()) {
        variables.put(c.variable(), value);
      }
    }
  }

  private @Nullable String password(Credentials c) {
    return switch (c.kind()) {
      case CONFIGURED, WRONG_USER -> station.password();
      case RANDOM_PASSWORD -> randomPassword();
      case PASSWORD_VARIABLE -> text(c.variable() == null ? "" : c.variable());
      case NONE -> null;
      case UNTRUSTED_CLIENT_CERTIFICATE -> station.password();
      case UPGRADED -> station.securityProfile() + 1 <= 2 ? station.password() : null;
    };
  }

  /** The station as the credentials present it. */
  private LabConfiguration.Station as(Credentials c) {
    return switch (c.kind()) {
      case UNTRUSTED_CLIENT_CERTIFICATE -> {
        java.nio.file.Path[] files =
            io.kilowire.conformance.pki.Certificates.selfSignedFiles(station.id());
        yield station.withClientCertificate(files[0], files[1]);
      }
      case UPGRADED ->
          station
              .onProfile(station.securityProfile() + 1)
              .withClientCertificate(
                  java.nio.file.Path.of(text(Credentials.UPGRADE_CERTIFICATE)),
                  java.nio.file.Path.of(text(Credentials.UPGRADE_KEY)));
      default -> station;
    };
  }

  private void checkTls(Step.CheckTls check) {
    io.kilowire.conformance.wire.TlsInspector.Report r =
        wire.connector().inspectTls(station, lab.timeouts().response());
    if (r == null) {
      throw new Stop(
          Verdict.FAIL, "the CSMS has no TLS endpoint (" + lab.csms() + ")", "A00.FR.306");
    }
    if (r.failure() != null) {
      throw new Stop(Verdict.FAIL, "the TLS handshake failed: " + r.failure(), "A00.FR.307");
    }
    if (check.scope() == Step.CheckTls.Scope.REFUSES_TLS11) {
      if (r.acceptsTls11()) {
        throw new Stop(
            Verdict.FAIL,
            "the CSMS answered a TLS 1.1 ClientHello with a ServerHello",
            "A00.FR.315");
      }
      return;
    }
    if (!"TLSv1.3".equals(r.protocol()) && !"TLSv1.2".equals(r.protocol())) {
      throw new Stop(
          Verdict.FAIL, "negotiated " + r.protocol() + ", not TLS 1.2 or later", "A00.FR.313");
    }
    java.util.List<String> refused =
        r.suites().entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
    if (!refused.isEmpty()) {
      throw new Stop(
          Verdict.FAIL,
          "the CSMS does not take the required cipher suite(s) " + refused,
          "A00.FR.318");
    }
    if (check.scope() == Step.CheckTls.Scope.HANDSHAKE) {
      return;
    }
    int minimum = r.keyAlgorithm().equals("EC") ? 224 : 2048;
    if (r.keyBits() < minimum) {
      throw new Stop(
          Verdict.FAIL,
          "the certificate's "
              + r.keyAlgorithm()
              + " key has "
              + r.keyBits()
              + " bits, fewer than "
              + minimum,
          r.keyAlgorithm().equals("EC") ? "A00.FR.503" : "A00.FR.502");
    }
    if (!r.serial()) {
      throw new Stop(Verdict.FAIL, "the certificate has no serial number", "A00.FR.508");
    }
    if (!lab.csms().getHost().equalsIgnoreCase(String.valueOf(r.commonName()))) {
      throw new Stop(
          Verdict.FAIL,
          "the certificate's common name is "
              + r.commonName()
              + ", not the endpoint's name "
              + lab.csms().getHost(),
          "A00.FR.510");
    }
  }

  private static String randomPassword() {
    String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789*-_=:+|@.";
    StringBuilder b = new StringBuilder();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int length = 16 + random.nextInt(25);
    for (int i = 0; i < length; i++) {
      b.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  /** Ends what the case left running; failures here are recorded, never judged. */
  private void cleanUp() {
    boolean open =
        variables.entrySet().stream()
            .anyMatch(
                e -> e.getKey().startsWith(OPEN_TRANSACTION) && e.getValue().asBoolean(false));
    if (open && wire.isOpen()) {
      try {
        for (StationSide.IncomingCall call : wire.held()) {
          wire.answerError(call, "NotSupported", "the case has ended");
        }
        runAll(cleanup, 0, Phase.CLEANUP);
        awaitOutstandingReply();
      } catch (Stop ignored) {
        // The next case boots afresh; a CSMS that mishandles this is judged by its own cases.
      }
    }
    for (StationSide.IncomingCall call : wire.held()) {
      wire.answerError(call, "NotSupported", "the case has ended");
    }
  }

  // ----------------------------------------------------------------------- CaseContext

  @Override
  public OcppVersion version() {
    return kase.version();
  }

  @Override
  public LabConfiguration lab() {
    return lab;
  }

  @Override
  public LabConfiguration.Station station() {
    return station;
  }

  @Override
  public Instant now() {
    return clock.now();
  }

  @Override
  public ContractAuthority contracts() {
    return contracts.get();
  }

  @Override
  public JsonNode var(String name) {
    return variables.getOrDefault(name, MissingNode.getInstance());
  }

  @Override
  public void set(String name, JsonNode value) {
    variables.put(name, value);
  }
}
