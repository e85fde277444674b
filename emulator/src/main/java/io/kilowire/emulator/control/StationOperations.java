package io.kilowire.emulator.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kilowire.core.ocpp.OcppActions;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.json.JsonFrameCodec;
import io.kilowire.core.ocpp.model.ConstraintViolation;
import io.kilowire.core.ocpp.model.OcppAction;
import io.kilowire.core.ocpp.model.OcppEnum;
import io.kilowire.core.ocpp.model.OcppMessage;
import io.kilowire.core.ocpp.model.Role;
import io.kilowire.core.ocpp.rpc.CallFailedException;
import io.kilowire.core.ocpp.v16.ChangeConfigurationRequest;
import io.kilowire.core.ocpp.v16.ChargePointErrorCode;
import io.kilowire.core.ocpp.v16.GetConfigurationRequest;
import io.kilowire.core.ocpp.v16.adapter.V16ConfigurationHandlers;
import io.kilowire.core.ocpp.v201.GetBaseReportRequest;
import io.kilowire.core.ocpp.v201.IdTokenType;
import io.kilowire.core.ocpp.v201.NotifyReportRequest;
import io.kilowire.core.ocpp.v201.ReportBase;
import io.kilowire.core.ocpp.v201.SetVariablesRequest;
import io.kilowire.core.ocpp.v201.adapter.V201DeviceModelHandlers;
import io.kilowire.core.smartcharging.DynamicUpdate;
import io.kilowire.core.station.FaultCode;
import io.kilowire.emulator.station.EmulatedStation;
import io.kilowire.emulator.station.EvCatalogue;
import io.kilowire.emulator.station.EvModel;
import io.kilowire.emulator.station.SimulatedFirmware;
import io.kilowire.emulator.station.SimulatedLogUploads;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What the control API does to the stations, independent of HTTP: each operation checks its input
 * (an {@link ApiError} naming the field when it refuses), acts on the station's thread, and returns
 * a JSON answer. The scenarios run the same operations.
 */
public final class StationOperations {
  /** How long a CALL sent for an operator may wait for the CSMS (beyond MessageTimeout). */
  private static final long CALL_WAIT_SECONDS = 40;

  private static final JsonFrameCodec CODEC = new JsonFrameCodec();

  /** 2.0.1 EVSE.Problem causes (NotifyEvent techCode) and the core's fault each stands for. */
  static final Map<String, FaultCode> PROBLEMS =
      Map.of(
          "OverCurrent", FaultCode.OVER_CURRENT,
          "GroundFailure", FaultCode.GROUND_FAILURE,
          "HighTemperature", FaultCode.HIGH_TEMPERATURE,
          "ContactorFailure", FaultCode.CONTACTOR_FAILURE,
          "WeldedContactor", FaultCode.WELDED_CONTACTOR,
          "Other", FaultCode.OTHER);

  /** The 1.6 error codes the core's fault causes report themselves. */
  private static final Map<String, FaultCode> V16_CORE_CODES =
      Map.of(
          "OverCurrentFailure", FaultCode.OVER_CURRENT,
          "GroundFailure", FaultCode.GROUND_FAILURE,
          "HighTemperature", FaultCode.HIGH_TEMPERATURE,
          "PowerSwitchFailure", FaultCode.CONTACTOR_FAILURE,
          "OtherError", FaultCode.OTHER);

  private final Fleet fleet;

  public StationOperations(Fleet fleet) {
    this.fleet = fleet;
  }

  public Fleet fleet() {
    return fleet;
  }

  // ------------------------------------------------------------------------------- the fleet

  public JsonNode list() {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (String id : fleet.ids()) {
      String template = fleet.template(id);
      out.add(
          fleet
              .running(id)
              .map(s -> StationState.summary(s, template))
              .orElseGet(() -> StationState.stopped(id, template)));
    }
    return out;
  }

  public JsonNode add(RequestBody body) {
    body.only(Set.of("template", "count"));
    Integer count = body.optionalInt("count", 1, 1000);
    List<String> ids = fleet.add(body.optionalText("template"), count == null ? 1 : count);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    ArrayNode list = out.putArray("added");
    ids.forEach(list::add);
    return out;
  }

  public void remove(String id) {
    known(id);
    fleet.remove(id);
  }

  public void start(String id) {
    known(id);
    fleet.start(id);
  }

  public void stop(String id) {
    known(id);
    fleet.stop(id);
  }

  public JsonNode state(String id) {
    known(id);
    return fleet
        .running(id)
        .<JsonNode>map(s -> StationState.full(s, fleet.template(id)))
        .orElseGet(() -> StationState.stopped(id, fleet.template(id)));
  }

  // ----------------------------------------------------------------------------- the network

  public void network(String id, boolean connected) {
    running(id).networkDown(!connected);
  }

  /** The station's certificate expires now (see {@link EmulatedStation#expireCertificate}). */
  public void expireCertificate(String id) {
    running(id).expireCertificate();
  }

  public void csms(String id, RequestBody body) {
    body.only(Set.of("url"));
    EmulatedStation s = running(id);
    String text = body.text("url");
    URI url;
    try {
      url = new URI(text);
    } catch (URISyntaxException e) {
      throw ApiError.badRequest("url", "not a URL: " + e.getMessage());
    }
    String scheme = s.network().csmsUrl().getScheme();
    if (!scheme.equals(url.getScheme()) || url.getHost() == null) {
      throw ApiError.badRequest(
          "url",
          "must be a "
              + scheme
              + ":// URL with a host (the station's security profile fixes ws or wss)");
    }
    s.changeCsms(url);
    fleet.csms(id, url);
  }

  // ------------------------------------------------------------------------------ the EVSEs

  public void plug(String id, String evseText, RequestBody body) {
    body.only(
        Set.of(
            "model",
            "batteryKwh",
            "maxA",
            "phases",
            "soc",
            "targetSoc",
            "hlc",
            "idToken",
            "tokenType"));
    EmulatedStation s = running(id);
    int evse = evse(s, evseText);
    String name = body.optionalText("model");
    EvModel base = EvModel.of(60_000, 16, 3);
    if (name != null) {
      base =
          EvCatalogue.byName(name)
              .orElseThrow(
                  () ->
                      ApiError.badRequest(
                          "model",
                          "unknown EV model '" + name + "'; one of " + EvCatalogue.names()));
    }
    Double batteryKwh = body.optionalNumber("batteryKwh", 1, 1000);
    Double maxA = body.optionalNumber("maxA", 1, 500);
    Integer phases = body.optionalInt("phases", 1, 3);
    double soc = orElse(body.optionalNumber("soc", 0, 100), 30);
    Double target = body.optionalNumber("targetSoc", 1, 100);
    EvModel ev =
        new EvModel(
                batteryKwh == null ? base.batteryWh() : batteryKwh * 1000,
                target == null ? base.targetSocPercent() : target,
                maxA == null ? base.maxCurrentA() : maxA,
                phases == null ? base.phases() : phases,
                base.responseDelay(),
                base.taperFromPercent(),
                Math.min(base.taperEndA(), maxA == null ? base.maxCurrentA() : maxA))
            // A named model's V2G ability and control mode stay (the v2g model feeds back).
            .withV2g(base.maxDischargeA(), base.minSocPercent())
            .withControlMode(base.controlMode());
    boolean hlc = Boolean.TRUE.equals(body.optionalBoolean("hlc"));
    String idToken = body.optionalText("idToken");
    String tokenType = tokenType(s, body.optionalText("tokenType"), "tokenType");
    if (idToken != null) {
      checkToken(s, idToken, tokenType, "idToken");
    }
    refuse(s.plugEv(evse, ev, soc, hlc), id, evse);
    if (idToken != null) {
      s.presentToken(evse, idToken, tokenType);
    }
  }

  public void unplug(String id, String evseText) {
    EmulatedStation s = running(id);
    int evse = evse(s, evseText);
    refuse(s.unplugEv(evse), id, evse);
  }

  public void token(String id, String evseText, RequestBody body) {
    body.only(Set.of("idToken", "type"));
    EmulatedStation s = running(id);
    int evse = evse(s, evseText);
    String idToken = body.text("idToken");
    String tokenType = tokenType(s, body.optionalText("type"), "type");
    checkToken(s, idToken, tokenType, "idToken");
    s.presentToken(evse, idToken, tokenType);
  }

  /** The driver refuses the tariff shown at the EVSE: its session ends (TariffNotAccepted). */
  public void refuseTariff(String id, String evseText) {
    EmulatedStation s = running(id);
    int evse = evse(s, evseText);
    refuse(s.refuseTariff(evse), id, evse);
  }

  /** The EV side: {@code charging} false pauses the EV (SuspendedEV), true resumes it. */
  public void ev(String id, String evseText, RequestBody body) {
    body.only(Set.of("charging"));
    EmulatedStation s = running(id);
    int evse = evse(s, evseText);
    refuse(s.evWantsEnergy(evse, body.bool("charging")), id, evse);
  }

  public void fault(String id, String evseText, RequestBody body) {
    body.only(Set.of("errorCode", "problem"));
    EmulatedStation s = running(id);
    int evse = evse(s, evseText);
    String errorCode = body.optionalText("errorCode");
    String problem = body.optionalText("problem");
    if ((errorCode == null) == (problem == null)) {
      throw ApiError.badRequest(
          errorCode == null ? "errorCode" : "problem",
          "give either errorCode (an OCPP 1.6 ChargePointErrorCode) or problem (an OCPP 2.0.1"
              + " EVSE.Problem cause)");
    }
    if (problem != null) {
      FaultCode code = PROBLEMS.get(problem);
      if (code == null) {
        throw ApiError.badRequest(
            "problem", "unknown cause '" + problem + "'; one of " + sorted(PROBLEMS.keySet()));
      }
      s.fault(evse, code, null);
      return;
    }
    Set<String> codes = wireNames(ChargePointErrorCode.values());
    if (!codes.contains(errorCode)) {
      throw ApiError.badRequest(
          "errorCode", "not an OCPP 1.6 ChargePointErrorCode; one of " + sorted(codes));
    }
    if (errorCode.equals("NoError")) {
      s.fault(evse, FaultCode.NONE, null);
      return;
    }
    FaultCode core = V16_CORE_CODES.get(errorCode);
    s.fault(evse, core == null ? FaultCode.OTHER : core, core == null ? errorCode : null);
  }

  /**
   * How the station's file transfers behave from now on: {@code firmwareDownload} simulated, real
   * or fail; {@code logUpload} real, simulated, timeout or fail.
   */
  public void fileTransfers(String id, RequestBody body) {
    body.only(Set.of("firmwareDownload", "logUpload"));
    EmulatedStation s = running(id);
    String download = body.optionalText("firmwareDownload");
    String upload = body.optionalText("logUpload");
    if (download == null && upload == null) {
      throw ApiError.badRequest("firmwareDownload", "give firmwareDownload and/or logUpload");
    }
    SimulatedFirmware.DownloadMode downloadMode = null;
    SimulatedLogUploads.UploadMode uploadMode = null;
    try {
      downloadMode = download == null ? null : SimulatedFirmware.DownloadMode.parse(download);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("firmwareDownload", e.getMessage());
    }
    try {
      uploadMode = upload == null ? null : SimulatedLogUploads.UploadMode.parse(upload);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("logUpload", e.getMessage());
    }
    if (downloadMode != null) {
      s.firmware().downloadMode(downloadMode);
    }
    if (uploadMode != null) {
      s.logUploads().uploadMode(uploadMode);
    }
  }

  /**
   * 2.1 K29: the site's local system (EMS) updates Dynamic profile {@code profileText}; the body's
   * {@code limit} (at or above 0), {@code dischargeLimit} (at or below 0) and {@code setpoint}
   * (negative to discharge) replace the period's values, in the profile's unit; what is left out
   * stays. The station caps the result by its limits like a CSMS's update.
   */
  public JsonNode updateDynamicProfile(String id, String profileText, RequestBody body) {
    body.only(Set.of("limit", "dischargeLimit", "setpoint"));
    EmulatedStation s = running(id);
    int profileId;
    try {
      profileId = Integer.parseInt(profileText);
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("profileId", "must be a whole number");
    }
    Double limit = body.optionalNumber("limit", 0, Double.MAX_VALUE);
    Double dischargeLimit = body.optionalNumber("dischargeLimit", -Double.MAX_VALUE, 0);
    Double setpoint = body.optionalNumber("setpoint", -Double.MAX_VALUE, Double.MAX_VALUE);
    if (limit == null && dischargeLimit == null && setpoint == null) {
      throw ApiError.badRequest("limit", "give limit, dischargeLimit and/or setpoint");
    }
    DynamicUpdate.Outcome outcome =
        s.updateDynamicSchedule(
            profileId,
            new DynamicUpdate(decimal(limit), decimal(dischargeLimit), decimal(setpoint)));
    switch (outcome) {
      case ACCEPTED -> {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("status", outcome.reasonCode());
        return out;
      }
      case UNKNOWN_PROFILE ->
          throw ApiError.notFound(
              "profileId", "station " + id + " has no charging profile " + profileId);
      case NOT_DYNAMIC ->
          throw ApiError.conflict(
              "charging profile " + profileId + " of " + id + " is not Dynamic");
      default -> throw ApiError.badRequest("limit", "not a value the period can hold");
    }
  }

  /**
   * The site's local system sets EVSE {@code evseText}'s ExternalSetpoint (2.1): {@code amps} per
   * phase, negative to discharge, or null to withdraw it. The station follows it only in the
   * ExternalSetpoint mode and holds it within the CSMS's limit and dischargeLimit.
   */
  public void externalSetpoint(String id, String evseText, RequestBody body) {
    body.only(Set.of("amps"));
    EmulatedStation s = running(id);
    int evse = evse(s, evseText);
    if (!body.node().has("amps")) {
      throw ApiError.badRequest(
          "amps", "required: amps per phase (negative to discharge), or null to withdraw");
    }
    s.externalSetpoint(evse, body.optionalNumber("amps", -MAX_SETPOINT_A, MAX_SETPOINT_A));
  }

  /** Far beyond any EVSE's current: the station caps what it takes anyway. */
  private static final double MAX_SETPOINT_A = 1000;

  private static @Nullable BigDecimal decimal(@Nullable Double value) {
    return value == null ? null : BigDecimal.valueOf(value);
  }

  public void clearFault(String id, String evseText) {
    EmulatedStation s = running(id);
    s.fault(evse(s, evseText), FaultCode.NONE, null);
  }

  // ------------------------------------------------------------------------- configuration

  /** 1.6: GetConfiguration of every key; 2.0.1: the full inventory's report data. */
  public JsonNode configuration(String id) {
    EmulatedStation s = running(id);
    return s.read(
        () -> {
          V16ConfigurationHandlers keys = s.runtime().v16Configuration();
          if (keys != null) {
            return StationState.payload(keys.getConfiguration(GetConfigurationRequest.of()));
          }
          V201DeviceModelHandlers model = Objects.requireNonNull(s.runtime().v201DeviceModel());
          ObjectNode out = JsonNodeFactory.instance.objectNode();
          ArrayNode data = out.putArray("reportData");
          for (NotifyReportRequest page :
              model
                  .getBaseReport(
                      GetBaseReportRequest.of(0, ReportBase.FULL_INVENTORY),
                      s.runtime().scheduler().now())
                  .reports()) {
            StationState.payload(page).path("reportData").forEach(data::add);
          }
          return out;
        });
  }

  /**
   * Sets a 1.6 key ({@code key}, {@code value}) or a 2.0.1 variable ({@code component}, {@code
   * variable}, {@code value}, optional {@code attributeType}) as ChangeConfiguration / SetVariables
   * from the CSMS would; returns the station's answer.
   */
  public JsonNode setConfiguration(String id, RequestBody body) {
    EmulatedStation s = running(id);
    if (s.version() == OcppVersion.V16) {
      body.only(Set.of("key", "value"));
      ChangeConfigurationRequest request =
          decode(body.node(), ChangeConfigurationRequest.class, "");
      V16ConfigurationHandlers keys = Objects.requireNonNull(s.runtime().v16Configuration());
      return s.read(() -> StationState.payload(keys.changeConfiguration(request)));
    }
    body.only(Set.of("component", "variable", "value", "attributeType"));
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.set("component", body.node().get("component"));
    data.set("variable", body.node().get("variable"));
    data.set("attributeValue", body.node().get("value"));
    if (body.has("attributeType")) {
      data.set("attributeType", body.node().get("attributeType"));
    }
    ObjectNode wrapped = JsonNodeFactory.instance.objectNode();
    wrapped.putArray("setVariableData").add(data);
    SetVariablesRequest request = decode(wrapped, SetVariablesRequest.class, "setVariableData[0]");
    V201DeviceModelHandlers model = Objects.requireNonNull(s.runtime().v201DeviceModel());
    return s.read(
        () -> StationState.payload(model.setVariables(request)).path("setVariableResult").get(0));
  }

  // -------------------------------------------------------------------------------- OCPP

  /**
   * Sends a CALL of {@code action} with {@code payload} (checked against the version's schema) and
   * returns the CSMS's answer as {@code {"response": ...}}; a CALLERROR is answered 502 with its
   * code.
   */
  /**
   * As {@link #send}, without waiting for the answer (a scenario looks for it on the event stream):
   * the CALL is checked and queued.
   */
  public CompletableFuture<? extends OcppMessage> sendAsync(
      String id, String actionName, String payload) {
    EmulatedStation s = running(id);
    OcppAction action =
        OcppActions.of(s.version())
            .byName(actionName)
            .orElseThrow(
                () ->
                    ApiError.notFound(
                        "action",
                        "action: "
                            + actionName
                            + " is not an OCPP "
                            + s.version().subprotocol()
                            + " action"));
    if (!action.initiator().allows(Role.STATION)) {
      throw ApiError.badRequest(
          "action", actionName + " is sent by the CSMS, not by a station; use /frames to send it");
    }
    JsonNode node = RequestBody.parse(payload).node();
    OcppMessage request = decode(node, action.requestType(), "");
    AtomicReference<CompletableFuture<? extends OcppMessage>> sent = new AtomicReference<>();
    s.runtime().call(() -> sent.set(s.runtime().client().call(request, action.responseType())));
    return sent.get();
  }

  public JsonNode send(String id, String actionName, String payload) {
    CompletableFuture<? extends OcppMessage> sent = sendAsync(id, actionName, payload);
    try {
      OcppMessage response = sent.get(CALL_WAIT_SECONDS, TimeUnit.SECONDS);
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      out.set("response", StationState.payload(response));
      return out;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof CallFailedException.CallErrorReceived error) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("error", "the CSMS answered CALLERROR " + error.errorCode());
        out.put("callError", error.errorCode());
        out.put("description", error.description());
        throw new ApiErrorWithBody(502, out);
      }
      if (e.getCause() instanceof CallFailedException.NotConnected) {
        throw ApiError.conflict("station " + id + " is not connected");
      }
      throw new ApiError(504, null, String.valueOf(e.getCause().getMessage()));
    } catch (TimeoutException e) {
      throw new ApiError(504, null, actionName + ": no answer within " + CALL_WAIT_SECONDS + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiError(503, null, "interrupted");
    }
  }

  /** Sends {@code frame} as it is (no check, no correlation): for negative tests. */
  public void raw(String id, String frame) {
    EmulatedStation s = running(id);
    if (frame.isEmpty()) {
      throw new ApiError(400, "frame", "frame: the body is the frame to send and is empty");
    }
    if (!s.sendRaw(frame)) {
      throw ApiError.conflict("station " + id + " is not connected; nothing was sent");
    }
  }

  /** The templates {@code add} accepts ("default": the run's own settings). */
  public JsonNode templates() {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (String t : fleet.templates()) {
      out.addObject().put("name", t);
    }
    return out;
  }

  /** The named EVs {@code plug} accepts. */
  public JsonNode evModels() {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (EvCatalogue.Entry e : EvCatalogue.entries()) {
      ObjectNode m = out.addObject();
      m.put("name", e.name());
      m.put("description", e.description());
      m.put("batteryKwh", e.model().batteryWh() / 1000);
      m.put("maxA", e.model().maxCurrentA());
      m.put("phases", e.model().phases());
    }
    return out;
  }

  // ---------------------------------------------------------------------------------- help

  /** An answer that is a JSON object of its own (a CALLERROR from the CSMS). */
  static final class ApiErrorWithBody extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final transient ObjectNode body;

    ApiErrorWithBody(int status, ObjectNode body) {
      super(body.path("error").asText());
      this.status = status;
      this.body = body;
    }
  }

  private void known(String id) {
    if (!fleet.exists(id)) {
      throw ApiError.notFound("id", "id: no station " + id);
    }
  }

  EmulatedStation running(String id) {
    known(id);
    return fleet
        .running(id)
        .orElseThrow(
            () ->
                ApiError.conflict(
                    "station " + id + " is stopped; POST /stations/" + id + "/start starts it"));
  }

  private static int evse(EmulatedStation s, String text) {
    int n;
    try {
      n = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("evse", "must be a number, not '" + text + "'");
    }
    if (n < 1 || n > s.evseCount()) {
      throw ApiError.notFound(
          "evse", "evse: station " + s.id() + " has EVSEs 1 to " + s.evseCount() + ", not " + n);
    }
    return n;
  }

  private static void refuse(EmulatedStation.@Nullable Refusal refusal, String id, int evse) {
    if (refusal == null) {
      return;
    }
    throw ApiError.conflict(
        switch (refusal) {
          case OCCUPIED -> "EVSE " + evse + " of " + id + " has an EV plugged in already";
          case NO_EV -> "no EV is plugged in at EVSE " + evse + " of " + id;
          case NO_SESSION ->
              "EVSE " + evse + " of " + id + " has no session whose tariff could be refused";
          case INOPERATIVE -> "EVSE " + evse + " of " + id + " is inoperative";
          case CLOSED -> "station " + id + " is shutting down";
        });
  }

  /**
   * 1.6 idTag: at most 20 characters; 2.x idToken: at most 36, and an RFID UID in hex (ISO14443: 4
   * or 7 bytes, ISO15693: 8 bytes), else a strict CSMS refuses the transaction's frames and the
   * session silently never starts.
   */
  private static void checkToken(
      EmulatedStation s, String idToken, String tokenType, String field) {
    int max =
        switch (s.version()) {
          case V16 -> 20;
          case V201 -> 36;
          case V21 -> 255; // 2.1's IdToken; the station keeps it whole (WideTokens)
        };
    if (idToken.isEmpty() || idToken.length() > max) {
      throw ApiError.badRequest(
          field,
          "must be 1 to " + max + " characters in OCPP " + s.version().subprotocol().substring(4));
    }
    if (s.version() == OcppVersion.V16) {
      return;
    }
    if (tokenType.equals(IdTokenType.ISO14443.value())
        && !RFID_4_OR_7_BYTES.matcher(idToken).matches()) {
      throw ApiError.badRequest(
          field, "an ISO14443 idToken is a 4- or 7-byte UID: 8 or 14 hex characters");
    }
    if (tokenType.equals(IdTokenType.ISO15693.value())
        && !RFID_8_BYTES.matcher(idToken).matches()) {
      throw ApiError.badRequest(field, "an ISO15693 idToken is an 8-byte UID: 16 hex characters");
    }
  }

  private static final Pattern RFID_4_OR_7_BYTES =
      Pattern.compile("[0-9A-Fa-f]{8}|[0-9A-Fa-f]{14}");
  private static final Pattern RFID_8_BYTES = Pattern.compile("[0-9A-Fa-f]{16}");

  private static String tokenType(EmulatedStation s, @Nullable String type, String field) {
    if (type == null) {
      return IdTokenType.ISO14443.value();
    }
    Set<String> types = new java.util.HashSet<>(wireNames(IdTokenType.values()));
    if (s.version() == OcppVersion.V21) {
      types.addAll(V21_TYPES);
    }
    if (!types.contains(type)) {
      throw ApiError.badRequest(
          field,
          (s.version() == OcppVersion.V21
                  ? "not an OCPP 2.1 IdTokenEnumStringType; one of "
                  : "not an OCPP 2.0.1 IdTokenEnumType; one of ")
              + sorted(types));
    }
    return type;
  }

  /** The types 2.1's IdTokenEnumStringType adds to 2.0.1's. */
  private static final Set<String> V21_TYPES = Set.of("DirectPayment", "EVCCID", "VIN");

  private static Set<String> wireNames(OcppEnum[] values) {
    return Arrays.stream(values).map(OcppEnum::value).collect(Collectors.toSet());
  }

  private static String sorted(Set<String> names) {
    return String.join(", ", new java.util.TreeSet<>(names));
  }

  private static double orElse(@Nullable Double v, double otherwise) {
    return v == null ? otherwise : v;
  }

  /**
   * Decodes {@code node} into {@code type} by the OCPP schema; a violation is answered 400 naming
   * its JSON path (without {@code prefix}, which the operator did not write).
   */
  private static <T extends OcppMessage> T decode(JsonNode node, Class<T> type, String prefix) {
    try {
      return CODEC.decodePayload(CODEC.parsePayload(node.toString()), type);
    } catch (ConstraintViolation v) {
      String path = v.path();
      if (!prefix.isEmpty() && path.startsWith(prefix)) {
        path = path.substring(prefix.length());
        path = path.startsWith(".") ? path.substring(1) : path;
      }
      if (path.equals("attributeValue")) {
        path = "value";
      }
      throw ApiError.badRequest(path.isEmpty() ? "body" : path, v.problem());
    }
  }
}
