package io.kilowire.core.ocpp.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.json.JsonFrameCodec;
import io.kilowire.core.ocpp.model.Role;
import io.kilowire.core.ocpp.v16.AvailabilityStatus;
import io.kilowire.core.ocpp.v16.ChangeAvailabilityRequest;
import io.kilowire.core.ocpp.v16.ChangeAvailabilityResponse;
import io.kilowire.core.ocpp.v201.ChargingProfileStatus;
import io.kilowire.core.ocpp.v201.SetChargingProfileRequest;
import io.kilowire.core.ocpp.v201.SetChargingProfileResponse;
import io.kilowire.core.scheduling.VirtualScheduler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded property test of frame decoding through the RPC session: random and mutated frames never
 * escape as an exception, and each produces at most one frame, which is a well-formed CALLERROR
 * with a code of the session's version (or a CALLRESULT when the mutation left a valid call).
 */
class FrameDecoderPropertyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CASES_PER_SEED = 400;

  private static final Set<String> V16_CODES =
      Set.of(
          "NotImplemented",
          "NotSupported",
          "InternalError",
          "ProtocolError",
          "SecurityError",
          "FormationViolation",
          "PropertyConstraintViolation",
          "OccurenceConstraintViolation",
          "TypeConstraintViolation",
          "GenericError");
  private static final Set<String> V201_CODES =
      Set.of(
          "FormatViolation",
          "GenericError",
          "InternalError",
          "MessageTypeNotSupported",
          "NotImplemented",
          "NotSupported",
          "OccurrenceConstraintViolation",
          "PropertyConstraintViolation",
          "ProtocolError",
          "RpcFrameworkError",
          "SecurityError",
          "TypeConstraintViolation");

  private static final List<String> V16_SEEDS =
      List.of(
          "[2,\"a1\",\"ChangeAvailability\",{\"connectorId\":1,\"type\":\"Inoperative\"}]",
          "[2,\"a2\",\"SetChargingProfile\",{\"connectorId\":0,\"csChargingProfiles\":{\"chargingProfileId\":1,\"stackLevel\":0,\"chargingProfilePurpose\":\"ChargePointMaxProfile\",\"chargingProfileKind\":\"Absolute\",\"chargingSchedule\":{\"startSchedule\":\"2026-01-01T00:00:00Z\",\"chargingRateUnit\":\"A\",\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":16.5}]}}}]",
          "[3,\"a3\",{\"currentTime\":\"2026-01-01T00:00:00Z\"}]",
          "[4,\"a4\",\"GenericError\",\"x\",{}]");
  private static final List<String> V201_SEEDS =
      List.of(
          "[2,\"b1\",\"SetChargingProfile\",{\"evseId\":1,\"chargingProfile\":{\"id\":3,\"stackLevel\":1,\"chargingProfilePurpose\":\"TxDefaultProfile\",\"chargingProfileKind\":\"Relative\",\"chargingSchedule\":[{\"id\":1,\"chargingRateUnit\":\"W\",\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":11000.0,\"numberPhases\":3}]}]}}]",
          "[2,\"b2\",\"GetVariables\",{\"getVariableData\":[{\"component\":{\"name\":\"OCPPCommCtrlr\"},\"variable\":{\"name\":\"HeartbeatInterval\"}}]}]",
          "[3,\"b3\",{\"status\":\"Accepted\"}]",
          "[6,\"b4\",\"NotifyPeriodicEventStream\",{}]");

  static Stream<Arguments> seeds() {
    return LongStream.range(1, 13)
        .boxed()
        .flatMap(
            seed ->
                Stream.of(
                    Arguments.of(OcppVersion.V16, seed), Arguments.of(OcppVersion.V201, seed)));
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("seeds")
  void anyFrameYieldsAtMostOneWellFormedReplyAndNeverAnException(OcppVersion version, long seed)
      throws Exception {
    Random random = new Random(seed);
    List<String> out = new ArrayList<>();
    RpcSession session =
        new RpcSession(
            RpcSession.Config.of("fuzz", version, Role.STATION),
            new JsonFrameCodec(),
            out::add,
            new VirtualScheduler(Instant.EPOCH));
    if (version == OcppVersion.V16) {
      session.handle(
          ChangeAvailabilityRequest.class,
          r -> new ChangeAvailabilityResponse(AvailabilityStatus.ACCEPTED));
    } else {
      session.handle(
          SetChargingProfileRequest.class,
          r -> new SetChargingProfileResponse(null, ChargingProfileStatus.ACCEPTED, null));
    }
    session.connected();
    List<String> corpus = version == OcppVersion.V16 ? V16_SEEDS : V201_SEEDS;

    for (int i = 0; i < CASES_PER_SEED; i++) {
      String frame =
          random.nextInt(10) == 0
              ? randomText(random)
              : mutate(corpus.get(random.nextInt(corpus.size())), random);
      out.clear();
      try {
        session.onFrame(frame);
      } catch (RuntimeException e) {
        throw new AssertionError("seed " + seed + " case " + i + " threw on: " + frame, e);
      }
      assertThat(out).as("seed %d case %d: %s", seed, i, frame).hasSizeLessThanOrEqualTo(1);
      if (!out.isEmpty()) {
        checkReply(version, frame, out.get(0), seed, i);
      }
    }
  }

  private static void checkReply(OcppVersion version, String input, String reply, long seed, int i)
      throws Exception {
    String where = "seed " + seed + " case " + i + " input " + input + " reply " + reply;
    JsonNode r = JSON.readTree(reply);
    assertThat(r.isArray()).as(where).isTrue();
    int type = r.get(0).intValue();
    assertThat(type).as(where).isIn(3, 4);
    String id = r.get(1).textValue();
    assertThat(id).as(where).isNotNull().hasSizeBetween(1, 36);
    if (type == 3) {
      assertThat(r.size()).as(where).isEqualTo(3);
      return;
    }
    assertThat(r.size()).as(where).isEqualTo(5);
    String code = r.get(2).textValue();
    assertThat(code).as(where).isIn(version == OcppVersion.V16 ? V16_CODES : V201_CODES);
    assertThat(r.get(3).textValue()).as(where).isNotNull().hasSizeLessThanOrEqualTo(255);
    assertThat(r.get(4).isObject()).as(where).isTrue();
    if (version == OcppVersion.V16) {
      // 1.6 has no "-1" convention: it only answers frames whose id it could read.
      assertThat(id).as(where).isNotEqualTo("-1");
      assertThat(input).as(where).contains("\"" + id + "\"");
    } else if (!id.equals("-1")) {
      assertThat(input).as(where).contains("\"" + id + "\"");
    } else {
      assertThat(code).as(where).isIn("RpcFrameworkError", "MessageTypeNotSupported");
    }
    if (code.equals("MessageTypeNotSupported")) {
      // Only for a frame that starts with a type number 2.0.1 does not define.
      Matcher leading = LEADING_TYPE.matcher(input);
      assertThat(leading.find()).as(where).isTrue();
      assertThat(leading.group(1)).as(where).isNotIn("2", "3", "4");
    }
  }

  private static final Pattern LEADING_TYPE = Pattern.compile("^\\s*\\[\\s*(-?\\d+)");

  private static final String[] FRAGMENTS = {
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\"",
    "null",
    "true",
    "-1",
    "1e999",
    "0.05",
    "\"\\u0000\"",
    "[[[[",
    "}}}",
    "2",
    "3",
    "4",
    "5",
    "6",
    "7",
    "\"x\"",
    "\"" + "z".repeat(40) + "\""
  };

  private static String mutate(String frame, Random random) {
    StringBuilder s = new StringBuilder(frame);
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits && s.length() > 0; e++) {
      int at = random.nextInt(s.length());
      switch (random.nextInt(5)) {
        case 0 -> s.deleteCharAt(at);
        case 1 -> s.insert(at, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
        case 2 -> s.setLength(at);
        case 3 -> s.setCharAt(at, (char) (32 + random.nextInt(95)));
        default -> {
          int end = Math.min(s.length(), at + 1 + random.nextInt(12));
          s.replace(at, end, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
        }
      }
    }
    return s.toString();
  }

  private static String randomText(Random random) {
    StringBuilder s = new StringBuilder();
    int n = random.nextInt(60);
    for (int i = 0; i < n; i++) {
      s.append(
          random.nextBoolean()
              ? FRAGMENTS[random.nextInt(FRAGMENTS.length)]
              : String.valueOf((char) random.nextInt(0x3000)));
    }
    return s.toString();
  }
}
