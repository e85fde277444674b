package io.kilowire.emulator.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.testing.NodePeer;
import io.kilowire.emulator.control.ControlClient.Answer;

/**
 * Checks the control-API tests share: refusals naming the field, a strict peer with no complaint.
 */
final class StrictAnswers {
  private StrictAnswers() {}

  /** The API refused with {@code status}, naming {@code field} and saying why. */
  static void assertField(Answer answer, int status, String field) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
    assertThat(answer.body().path("field").asText()).as(answer.toString()).isEqualTo(field);
    assertThat(answer.body().path("error").asText()).as(answer.toString()).isNotEmpty();
  }

  /** The strict ocpp-rpc CSMS saw no bad message, no schema failure, no primitive-rule breach. */
  static void assertNoComplaints(NodePeer csms) {
    assertThat(csms.events())
        .noneMatch(e -> e.path("event").asText().equals("badMessage"))
        .noneMatch(e -> e.path("event").asText().equals("strictValidationFailure"));
    assertThat(csms.primitiveViolations()).isEmpty();
  }
}
