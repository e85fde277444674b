package io.kilowire.conformance.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.model.OcppAction;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchemaOracleTest {
  final SchemaOracle v201 = new SchemaOracle(OcppVersion.V201);
  final SchemaOracle v16 = new SchemaOracle(OcppVersion.V16);

  Function<String, Optional<OcppAction>> pending(SchemaOracle oracle, String action) {
    return id -> id.equals("m1") ? oracle.action(action) : Optional.empty();
  }

  @Test
  void aConformingResponsePasses() {
    assertThat(
            v201.check(
                "[3,\"m1\",{\"currentTime\":\"2026-03-01T08:00:00Z\",\"interval\":60,\"status\":\"Accepted\"}]",
                pending(v201, "BootNotification")))
        .isNull();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[3,\"m1\",{\"interval\":60,\"status\":\"Accepted\"}] | BootNotification response breaks its schema at currentTime",
        "[3,\"m1\",{\"currentTime\":\"2026-03-01T08:00:00Z\",\"interval\":60,\"status\":\"Fine\"}] | at status",
        "[3,\"m1\",{\"currentTime\":\"2026-03-01T08:00:00Z\",\"interval\":\"60\",\"status\":\"Accepted\"}] | at interval",
        "[3,\"m1\",{\"currentTime\":\"2026-03-01T08:00:00Z\",\"interval\":60,\"status\":\"Accepted\",\"x\":1}] | breaks its schema",
        "[3,\"m9\",{}] | which no CALL is waiting for",
        "[3,\"m1\" | not a valid OCPP-J frame"
      })
  void aBrokenResponseIsNamed(String frame, String problem) {
    assertThat(v201.check(frame, pending(v201, "BootNotification"))).contains(problem);
  }

  @Test
  void aCallMustBeAnActionACsmsSends() {
    assertThat(v201.check("[2,\"c1\",\"Heartbeat\",{}]", id -> Optional.empty()))
        .isEqualTo("Heartbeat is never sent by a CSMS");
    assertThat(v201.check("[2,\"c1\",\"Fly\",{}]", id -> Optional.empty()))
        .isEqualTo("Fly is not an action of ocpp2.0.1");
    assertThat(
            v201.check(
                "[2,\"c1\",\"RequestStopTransaction\",{\"transactionId\":7}]",
                id -> Optional.empty()))
        .contains("RequestStopTransaction request breaks its schema at transactionId");
  }

  @Test
  void anErrorCodeMustBeSpeltAsTheVersionSpellsIt() {
    assertThat(v16.check("[4,\"m1\",\"FormationViolation\",\"\",{}]", id -> Optional.empty()))
        .isNull();
    assertThat(v201.check("[4,\"m1\",\"FormationViolation\",\"\",{}]", id -> Optional.empty()))
        .contains("is not an error code of ocpp2.0.1");
    assertThat(v16.check("[4,\"m1\",\"SomethingWrong\",\"\",{}]", id -> Optional.empty()))
        .contains("is not an error code of ocpp1.6");
  }
}
