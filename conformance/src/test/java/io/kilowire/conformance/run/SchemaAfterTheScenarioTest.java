package io.kilowire.conformance.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kilowire.conformance.VirtualSandbox;
import io.kilowire.conformance.cases.CaseCatalogue;
import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.script.Json;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.transport.CloseReason;
import io.kilowire.core.transport.OcppTransport;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every frame the CSMS sends is judged, whatever the step (issue 11, item 3): also its answers
 * while the suite ends the transaction a case left running, after the scenario.
 */
class SchemaAfterTheScenarioTest {
  @Test
  void aSchemaInvalidAnswerToTheCleanUpFailsTheCase() {
    // TC_E_01 ends with the transaction running, so the suite ends it afterwards.
    List<ConformanceCase> cases =
        CaseCatalogue.cases(OcppVersion.V201).stream()
            .filter(c -> c.id().equals("TC_E_01_CSMS"))
            .toList();

    CaseResult clean = VirtualSandbox.run(OcppVersion.V201, cases, s -> t -> t, null, null).get(0);
    CaseResult faulty =
        VirtualSandbox.run(
                OcppVersion.V201,
                cases,
                s -> SchemaAfterTheScenarioTest::extraFieldWhenATransactionEnds,
                null,
                null)
            .get(0);

    assertThat(clean.verdict()).as(clean.reason()).isEqualTo(Verdict.PASS);
    assertThat(faulty.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(faulty.failedIn()).isEqualTo(Phase.CLEANUP);
    assertThat(faulty.reason()).contains("schema");
    assertThat(faulty.observed()).contains("\"note\"");
  }

  /**
   * The sandbox's end of a link, adding a field no schema knows to its answer to a TransactionEvent
   * Ended.
   */
  private static OcppTransport extraFieldWhenATransactionEnds(OcppTransport sandboxEnd) {
    Map<String, JsonNode> ended = new HashMap<>();
    return new OcppTransport() {
      @Override
      public void connect(Listener listener) {
        sandboxEnd.connect(
            new Listener() {
              @Override
              public void onOpen(io.kilowire.core.ocpp.OcppVersion negotiated) {
                listener.onOpen(negotiated);
              }

              @Override
              public void onMessage(String frame) {
                JsonNode call = Json.parse(frame);
                if (call != null
                    && call.path(0).asInt() == 2
                    && call.path(2).asText().equals("TransactionEvent")
                    && call.path(3).path("eventType").asText().equals("Ended")) {
                  ended.put(call.path(1).asText(), call);
                }
                listener.onMessage(frame);
              }

              @Override
              public void onClose(CloseReason reason, boolean remote) {
                listener.onClose(reason, remote);
              }
            });
      }

      @Override
      public boolean send(String frame) {
        JsonNode parsed = Json.parse(frame);
        if (parsed instanceof ArrayNode answer
            && answer.path(0).asInt() == 3
            && ended.remove(answer.path(1).asText()) != null) {
          ((ObjectNode) answer.get(2)).put("note", "not in any schema");
          return sandboxEnd.send(Json.text(answer));
        }
        return sandboxEnd.send(frame);
      }

      @Override
      public void close() {
        sandboxEnd.close();
      }

      @Override
      public boolean isOpen() {
        return sandboxEnd.isOpen();
      }
    };
  }
}
