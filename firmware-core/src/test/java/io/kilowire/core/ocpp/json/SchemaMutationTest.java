package io.kilowire.core.ocpp.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.json.OcppSchemas.SchemaFile;
import io.kilowire.core.ocpp.json.SchemaInstanceGenerator.Profile;
import io.kilowire.core.ocpp.json.SchemaMutations.Kind;
import io.kilowire.core.ocpp.json.SchemaMutations.Mutation;
import io.kilowire.core.ocpp.model.ConstraintViolation;
import io.kilowire.core.ocpp.model.Initiator;
import io.kilowire.core.ocpp.model.OcppAction;
import io.kilowire.core.ocpp.model.OcppMessage;
import io.kilowire.core.ocpp.model.Role;
import io.kilowire.core.ocpp.model.ViolationKind;
import io.kilowire.core.ocpp.rpc.ErrorCode;
import io.kilowire.core.ocpp.rpc.RpcSession;
import io.kilowire.core.scheduling.VirtualScheduler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Payloads that break their schema")
class SchemaMutationTest {
  /** The most misjudged mutations one failure lists. */
  private static final int REPORTED = 20;

  static Stream<SchemaFile> schemas() {
    return OcppSchemas.all().stream();
  }

  static List<OcppVersion> versions() {
    return OcppSchemas.versions();
  }

  /** The CALLERROR code for a violation, spelt as each version's OCPP-J specification does. */
  static String expectedCode(OcppVersion version, ViolationKind kind) {
    boolean v16 = version == OcppVersion.V16;
    return switch (kind) {
      case SYNTAX -> v16 ? "FormationViolation" : "FormatViolation";
      case STRUCTURE -> v16 ? "FormationViolation" : "ProtocolError";
      case OCCURRENCE -> v16 ? "OccurenceConstraintViolation" : "OccurrenceConstraintViolation";
      case TYPE -> "TypeConstraintViolation";
      case VALUE -> "PropertyConstraintViolation";
    };
  }

  /** The faults a version's schemas can express at all. */
  static Set<Kind> applicableKinds(OcppVersion version) {
    Set<Kind> kinds = EnumSet.allOf(Kind.class);
    // 1.6 has no numeric bounds and no maxItems; 2.0.1 has no multipleOf and no uri format.
    kinds.removeAll(
        version == OcppVersion.V16
            ? EnumSet.of(Kind.BELOW_MINIMUM, Kind.ABOVE_MAXIMUM, Kind.TOO_MANY_ITEMS)
            : EnumSet.of(Kind.NOT_MULTIPLE_OF, Kind.NOT_A_URI));
    return kinds;
  }

  private static boolean inArrayElement(Mutation m) {
    return m.path().stream().anyMatch(Integer.class::isInstance);
  }

  /** Mutations per schema file name, made once: the catalogue and RPC checks reuse them. */
  private static final Map<String, List<Mutation>> MUTATIONS = new ConcurrentHashMap<>();

  /** Every mutation of one schema file, from a seeded full instance. */
  static List<Mutation> mutationsOf(SchemaFile schema) {
    return MUTATIONS.computeIfAbsent(
        schema.toString(),
        name -> {
          SchemaInstanceGenerator generator = SchemaInstanceGenerator.seeded(schema);
          return SchemaMutations.of(schema.root(), generator.generate(Profile.FULL), generator);
        });
  }

  @Nested
  @DisplayName("decoded by the codec")
  class Decoded {
    private final PayloadCodec codec = new PayloadCodec();

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.kilowire.core.ocpp.json.SchemaMutationTest#schemas")
    @DisplayName(
        "are rejected by the oracle and by the codec, with the violation, field and code"
            + " each mutation calls for")
    void everyMutationIsRejectedAsItShouldBe(SchemaFile schema) {
      List<Mutation> mutations = mutationsOf(schema);
      assertFalse(mutations.isEmpty(), schema + ": no mutation applies");
      List<String> misjudged = new ArrayList<>();
      for (Mutation m : mutations) {
        String problem = misjudgement(schema, m);
        if (problem != null) {
          misjudged.add(m + ": " + problem);
        }
      }
      assertTrue(
          misjudged.isEmpty(),
          () ->
              SchemaSeeds.replay(schema.toString())
                  + misjudged.size()
                  + " of "
                  + mutations.size()
                  + " mutations misjudged:\n  "
                  + misjudged.stream().limit(REPORTED).collect(Collectors.joining("\n  ")));
    }

    /** What is wrong with how a mutation was judged, or null when all is right. */
    private @Nullable String misjudgement(SchemaFile schema, Mutation m) {
      String text = OcppSchemas.write(m.payload());
      JsonNode sent = OcppSchemas.parse(text);
      if (schema.accepts(sent)) {
        return "the oracle accepts it, so it breaks no rule: " + OcppSchemas.abbreviate(sent);
      }
      ConstraintViolation v;
      try {
        OcppMessage decoded = codec.decode(schema, text);
        return "the codec accepts it as " + decoded.getClass().getSimpleName();
      } catch (ConstraintViolation e) {
        v = e;
      }
      if (v.kind() != m.kind().violation || !v.path().equals(m.codecPath())) {
        return "expected "
            + m.kind().violation
            + " at '"
            + m.codecPath()
            + "', got "
            + v.kind()
            + " at '"
            + v.path()
            + "' ("
            + v.problem()
            + ")";
      }
      String code = ErrorCode.forViolation(v.kind(), schema.version()).wireName(schema.version());
      String expected = expectedCode(schema.version(), m.kind().violation);
      return code.equals(expected) ? null : "CALLERROR code " + code + ", expected " + expected;
    }
  }

  @Nested
  @DisplayName("catalogue")
  class Catalogue {
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.kilowire.core.ocpp.json.SchemaMutationTest#versions")
    @DisplayName("tries every kind of fault the version's schemas can express")
    void coversEveryApplicableKind(OcppVersion version) {
      Set<Kind> seen = EnumSet.noneOf(Kind.class);
      OcppSchemas.of(version).forEach(f -> mutationsOf(f).forEach(m -> seen.add(m.kind())));
      assertEquals(applicableKinds(version), seen);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.kilowire.core.ocpp.json.SchemaMutationTest#versions")
    @DisplayName("breaks fields at the top level, in nested objects and in array elements")
    void reachesEveryDepth(OcppVersion version) {
      List<Mutation> all =
          OcppSchemas.of(version).stream().flatMap(f -> mutationsOf(f).stream()).toList();
      assertTrue(all.stream().anyMatch(m -> !m.nested()), "no top-level mutation");
      assertTrue(
          all.stream().anyMatch(m -> m.nested() && !inArrayElement(m)),
          "no mutation in a nested object");
      assertTrue(
          all.stream().anyMatch(SchemaMutationTest::inArrayElement),
          "no mutation inside an array element");
    }
  }

  @Nested
  @DisplayName("sent as a CALL to an RPC session")
  class ThroughRpcSession {
    /** Samples per kind of fault: one at the top level, one nested, where both exist. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.kilowire.core.ocpp.json.SchemaMutationTest#versions")
    @DisplayName("are answered with a CALLERROR of the right code, id, description and details")
    void areAnsweredWithTheirCallError(OcppVersion version) {
      Map<Kind, List<Sample>> samples = samples(version);
      assertEquals(applicableKinds(version), samples.keySet(), "kinds of fault sampled");
      List<String> wrong = new ArrayList<>();
      int n = 0;
      for (List<Sample> ofKind : samples.values()) {
        for (Sample s : ofKind) {
          String problem = judge(version, s, "m" + version.ordinal() + "-" + n++);
          if (problem != null) {
            wrong.add(s.schema + " " + s.mutation + ": " + problem);
          }
        }
      }
      assertTrue(
          wrong.isEmpty(),
          () ->
              SchemaSeeds.replay("rpc " + version)
                  + wrong.size()
                  + " CALLERRORs wrong:\n  "
                  + String.join("\n  ", wrong));
    }

    private record Sample(SchemaFile schema, Mutation mutation) {}

    /** Request mutations of a version, a top-level and a nested one of each kind, seeded. */
    private Map<Kind, List<Sample>> samples(OcppVersion version) {
      List<Sample> all = new ArrayList<>();
      for (SchemaFile f : OcppSchemas.of(version)) {
        if (f.request()) {
          mutationsOf(f).forEach(m -> all.add(new Sample(f, m)));
        }
      }
      Collections.shuffle(all, new Random(SchemaSeeds.seed("rpc " + version)));
      Map<Kind, List<Sample>> picked = new EnumMap<>(Kind.class);
      for (Sample s : all) {
        List<Sample> ofKind = picked.computeIfAbsent(s.mutation.kind(), k -> new ArrayList<>());
        if (ofKind.stream().noneMatch(p -> p.mutation.nested() == s.mutation.nested())) {
          ofKind.add(s);
        }
      }
      return picked;
    }

    private @Nullable String judge(OcppVersion version, Sample sample, String messageId) {
      OcppAction action = sample.schema.action().orElseThrow();
      // The session receives the CALL: it plays the side the action is sent to.
      Role receiver = action.initiator() == Initiator.STATION ? Role.CSMS : Role.STATION;
      List<String> sent = new ArrayList<>();
      RpcSession session =
          new RpcSession(
              RpcSession.Config.of("schema-test", version, receiver),
              new JsonFrameCodec(),
              sent::add,
              new VirtualScheduler(Instant.EPOCH));
      refuseEverything(session, action.requestType());
      session.connected();
      session.onFrame(
          PayloadCodec.frame(
              sample.schema, messageId, OcppSchemas.write(sample.mutation.payload())));

      if (sent.size() != 1) {
        return "expected one CALLERROR, the session sent " + sent;
      }
      JsonNode reply = OcppSchemas.parse(sent.get(0));
      String path = sample.mutation.codecPath();
      String code = expectedCode(version, sample.mutation.kind().violation);
      List<String> problems = new ArrayList<>();
      if (reply.size() != 5 || reply.get(0).asInt() != 4) {
        return "not a CALLERROR frame: " + sent.get(0);
      }
      if (!messageId.equals(reply.get(1).asText())) {
        problems.add("message id " + reply.get(1));
      }
      if (!code.equals(reply.get(2).asText())) {
        problems.add("code " + reply.get(2) + " instead of " + code);
      }
      String description = reply.get(3).asText();
      if (description.length() > 255 || !description.contains(path)) {
        problems.add("description of " + description.length() + " chars: " + description);
      }
      if (!reply.get(4).isObject() || !path.equals(reply.get(4).path("field").asText())) {
        problems.add("errorDetails " + reply.get(4) + " do not name " + path);
      }
      return problems.isEmpty() ? null : String.join("; ", problems) + " in " + sent.get(0);
    }

    /** A handler for the action, so the fault, not a missing handler, decides the answer. */
    private <Q extends OcppMessage> void refuseEverything(RpcSession session, Class<Q> type) {
      session.handle(
          type,
          (Q request) -> {
            throw new AssertionError("the handler received an invalid " + type.getSimpleName());
          });
    }
  }
}
