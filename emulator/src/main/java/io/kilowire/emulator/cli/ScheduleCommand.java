package io.kilowire.emulator.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.json.JsonFrameCodec;
import io.kilowire.core.ocpp.model.ConstraintViolation;
import io.kilowire.core.ocpp.model.OcppMessage;
import io.kilowire.core.ocpp.v16.adapter.V16SmartChargingMapping;
import io.kilowire.core.ocpp.v201.adapter.V201SmartChargingMapping;
import io.kilowire.core.ocpp.v21.adapter.Untranslatable;
import io.kilowire.core.ocpp.v21.adapter.V21SmartChargingMapping;
import io.kilowire.core.smartcharging.ActiveTransaction;
import io.kilowire.core.smartcharging.ChargingProfile;
import io.kilowire.core.smartcharging.RateUnit;
import io.kilowire.core.smartcharging.SmartChargingLimits;
import io.kilowire.core.smartcharging.SmartChargingService;
import io.kilowire.core.smartcharging.ValidationResult;
import io.kilowire.core.store.MemorySnapshotStore;
import io.kilowire.emulator.cli.EmulatorCli.UsageException;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code schedule}: installs SetChargingProfile payloads into an empty station and prints the
 * responses and the composite schedule, with the same engine the stations run. A debugging tool for
 * OEMs and labs: no connection, no clock but {@code --start}.
 */
@Command(
    name = "schedule",
    mixinStandardHelpOptions = true,
    description = {
      "Installs the SetChargingProfile payloads of FILE, in order, into an empty station and prints"
          + " {\"results\":[<SetChargingProfile response per entry>],\"composite\":<GetCompositeSchedule"
          + " response>}."
    })
final class ScheduleCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--protocol",
      required = true,
      paramLabel = "ocpp1.6|ocpp2.0.1|ocpp2.1",
      description = "Wire format of FILE and of the output.")
  String protocol;

  @Option(
      names = "--profiles",
      required = true,
      paramLabel = "FILE",
      description = "JSON array of SetChargingProfile request payloads.")
  Path profiles;

  @Option(
      names = "--evse",
      required = true,
      paramLabel = "N",
      description = "EVSE (1.6: connector) of the composite; 0 = the station.")
  int evse;

  @Option(
      names = "--start",
      required = true,
      paramLabel = "RFC3339",
      description = "The station's clock, and the composite's start.")
  String start;

  @Option(
      names = "--duration",
      required = true,
      paramLabel = "SECONDS",
      description = "Length of the composite.")
  int duration;

  @Option(
      names = "--unit",
      defaultValue = "A",
      paramLabel = "A|W",
      description = "Unit of the composite (default: ${DEFAULT-VALUE}).")
  String unit;

  @Option(
      names = "--transaction-start",
      paramLabel = "RFC3339",
      description = "A transaction runs on --evse from this instant.")
  String transactionStart;

  @Option(
      names = "--transaction-id",
      paramLabel = "ID",
      description = "Its id (default: tx-1 in 2.0.1, 1 in 1.6).")
  String transactionId;

  @Option(
      names = "--voltage",
      defaultValue = "230",
      paramLabel = "V",
      description = "Nominal voltage for A<->W (default: ${DEFAULT-VALUE}).")
  BigDecimal voltage;

  @Option(
      names = "--evses",
      defaultValue = "2",
      paramLabel = "N",
      description = "EVSEs (1.6: connectors) of the station (default: ${DEFAULT-VALUE}).")
  int evses;

  @Option(
      names = "--max-current",
      defaultValue = "32",
      paramLabel = "A",
      description = "Hardware maximum per EVSE, amps per phase (default: ${DEFAULT-VALUE}).")
  BigDecimal maxCurrent;

  @Override
  public Integer call() {
    OcppVersion version =
        OcppVersion.fromSubprotocol(protocol)
            .orElseThrow(
                () ->
                    new UsageException(
                        "--protocol must be ocpp1.6, ocpp2.0.1 or ocpp2.1, not '"
                            + protocol
                            + "'"));
    Instant clock = instant(start, "--start");
    if (duration < 0) {
      throw new UsageException("--duration must not be negative, not " + duration);
    }
    if (evses < 1 || evses > 64) {
      throw new UsageException("--evses must be between 1 and 64, not " + evses);
    }
    if (evse < 0 || evse > evses) {
      throw new UsageException("--evse must be between 0 and --evses (" + evses + "), not " + evse);
    }
    if (maxCurrent.signum() <= 0) {
      throw new UsageException("--max-current must be positive, not " + maxCurrent);
    }
    if (voltage.signum() <= 0) {
      throw new UsageException("--voltage must be positive, not " + voltage);
    }
    RateUnit rateUnit =
        switch (unit) {
          case "A" -> RateUnit.A;
          case "W" -> RateUnit.W;
          default -> throw new UsageException("--unit must be A or W, not '" + unit + "'");
        };
    boolean v16 = version == OcppVersion.V16;
    Map<Integer, ActiveTransaction> transactions = Map.of();
    if (transactionStart != null) {
      if (evse == 0) {
        throw new UsageException("--transaction-start needs --evse 1 or more");
      }
      String id = transactionId != null ? transactionId : v16 ? "1" : "tx-1";
      transactions =
          Map.of(evse, new ActiveTransaction(id, instant(transactionStart, "--transaction-start")));
    }

    boolean v21 = version == OcppVersion.V21;
    SmartChargingService engine =
        new SmartChargingService(
            SmartChargingLimits.defaults(evses, maxCurrent).withNominalVoltage(voltage),
            v16
                ? V16SmartChargingMapping.PROFILE_RULES
                : v21
                    ? V21SmartChargingMapping.PROFILE_RULES
                    : V201SmartChargingMapping.PROFILE_RULES,
            new MemorySnapshotStore());
    JsonFrameCodec codec = new JsonFrameCodec();
    ArrayNode results = JSON.createArrayNode();
    List<JsonNode> entries = readEntries();
    for (int i = 0; i < entries.size(); i++) {
      ChargingProfile profile = profileOf(entries.get(i), i, version, codec);
      ValidationResult result = engine.set(profile, transactions);
      OcppMessage response =
          v16
              ? V16SmartChargingMapping.response(result)
              : v21
                  ? V21SmartChargingMapping.response(result)
                  : V201SmartChargingMapping.response(result);
      results.add(tree(codec.encodePayload(response).json()));
    }
    var schedule = engine.composite(transactions, evse, clock, duration, rateUnit);
    OcppMessage composite =
        v16
            ? V16SmartChargingMapping.compositeResponse(schedule)
            : v21
                ? V21SmartChargingMapping.compositeResponse(schedule)
                : V201SmartChargingMapping.compositeResponse(schedule);
    ObjectNode out = JSON.createObjectNode();
    out.set("results", results);
    out.set("composite", tree(codec.encodePayload(composite).json()));
    if (v21 && evse > 0) {
      // 2.1's two directions at --start: the composite above carries the charge limits only.
      var range = engine.bidirectional(transactions, evse, clock, rateUnit);
      ObjectNode both = out.putObject("bidirectional");
      both.put("chargingRateUnit", rateUnit.name());
      both.put("operationMode", V21SmartChargingMapping.mode(range.mode()).value());
      both.put("limit", range.charge());
      both.put("dischargeLimit", range.discharge());
      if (range.setpoint() != null) {
        both.put("setpoint", range.setpoint());
      }
    }
    PrintWriter writer = spec.commandLine().getOut();
    writer.println(out.toString());
    writer.flush();
    return 0;
  }

  private List<JsonNode> readEntries() {
    String text;
    try {
      text = Files.readString(profiles);
    } catch (IOException e) {
      throw new UsageException("--profiles " + profiles + " cannot be read: " + e.getMessage());
    }
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UsageException(
          "--profiles " + profiles + " is not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isArray()) {
      throw new UsageException(
          "--profiles " + profiles + " must hold a JSON array of SetChargingProfile payloads");
    }
    List<JsonNode> entries = new ArrayList<>();
    root.forEach(entries::add);
    return entries;
  }

  private ChargingProfile profileOf(
      JsonNode entry, int index, OcppVersion version, JsonFrameCodec codec) {
    try {
      if (version == OcppVersion.V16) {
        var request =
            codec.decodePayload(
                codec.parsePayload(entry.toString()),
                io.kilowire.core.ocpp.v16.SetChargingProfileRequest.class);
        return V16SmartChargingMapping.profile(request);
      }
      if (version == OcppVersion.V21) {
        var request =
            codec.decodePayload(
                codec.parsePayload(entry.toString()),
                io.kilowire.core.ocpp.v21.SetChargingProfileRequest.class);
        try {
          return V21SmartChargingMapping.profile(request);
        } catch (Untranslatable u) {
          throw new UsageException(
              "--profiles entry " + index + ", field " + u.path() + ": " + u.problem());
        }
      }
      var request =
          codec.decodePayload(
              codec.parsePayload(entry.toString()),
              io.kilowire.core.ocpp.v201.SetChargingProfileRequest.class);
      return V201SmartChargingMapping.profile(request);
    } catch (ConstraintViolation v) {
      throw new UsageException(
          "--profiles entry "
              + index
              + (v.path().isEmpty() ? "" : ", field " + v.path())
              + ": "
              + v.problem());
    } catch (IllegalArgumentException e) {
      throw new UsageException("--profiles entry " + index + ": " + e.getMessage());
    }
  }

  private static Instant instant(String text, String flag) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new UsageException(
          flag + " must be an RFC 3339 date-time such as 2026-01-01T00:00:00Z, not '" + text + "'");
    }
  }

  private static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the codec wrote invalid JSON", e);
    }
  }
}
