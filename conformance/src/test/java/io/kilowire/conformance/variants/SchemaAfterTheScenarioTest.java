package io.kilowire.conformance.variants;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.kilowire.conformance.VirtualSandbox;
import io.kilowire.conformance.cases.CaseCatalogue;
import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.run.CaseResult;
import io.kilowire.conformance.run.Phase;
import io.kilowire.conformance.run.Verdict;
import io.kilowire.core.ocpp.OcppVersion;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Every frame the CSMS sends is judged, whatever the step (issue 11, item 3): also its answers
 * while the suite ends the transaction a case left running, after the scenario.
 */
class SchemaAfterTheScenarioTest {
  private static final Variant EXTRA_FIELD_WHEN_A_TRANSACTION_ENDS =
      new Variant(
          "extra-field-when-a-transaction-ends",
          "adds a field no schema knows to its answer to a TransactionEvent Ended") {
        @Override
        ArrayNode result(String action, JsonNode request, ArrayNode frame) {
          return action.equals("TransactionEvent") && has(request, "eventType", "Ended")
              ? set(frame, "note", "not in any schema")
              : frame;
        }
      };

  @Test
  void aSchemaInvalidAnswerToTheCleanUpFailsTheCase() {
    // TC_E_01 ends with the transaction running, so the suite ends it afterwards.
    List<ConformanceCase> cases =
        CaseCatalogue.cases(OcppVersion.V201).stream()
            .filter(c -> c.id().equals("TC_E_01_CSMS"))
            .toList();

    CaseResult clean =
        VirtualSandbox.run(
                OcppVersion.V201, cases, scheduler -> UnaryOperator.identity(), null, null)
            .get(0);
    CaseResult faulty =
        VirtualSandbox.run(
                OcppVersion.V201,
                cases,
                scheduler -> new FaultyCsms(EXTRA_FIELD_WHEN_A_TRANSACTION_ENDS, scheduler),
                null,
                null)
            .get(0);

    assertThat(clean.verdict()).as(clean.reason()).isEqualTo(Verdict.PASS);
    assertThat(faulty.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(faulty.failedIn()).isEqualTo(Phase.CLEANUP);
    assertThat(faulty.reason()).contains("schema");
    assertThat(faulty.observed()).contains("\"note\"");
  }
}
