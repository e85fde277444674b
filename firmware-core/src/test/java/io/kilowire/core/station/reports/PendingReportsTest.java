package io.kilowire.core.station.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.rpc.CallFailedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The order and the bounds of reports that wait for the CSMS. */
class PendingReportsTest {
  private final List<String> sent = new ArrayList<>();
  private final List<CompletableFuture<Object>> answers = new ArrayList<>();
  private final PendingReports<String> reports =
      new PendingReports<>(
          "test reports",
          10,
          () -> true,
          r -> {
            sent.add(r);
            CompletableFuture<Object> answer = new CompletableFuture<>();
            answers.add(answer);
            return answer;
          });

  private void lastTimesOut() {
    answers
        .get(answers.size() - 1)
        .completeExceptionally(new CallFailedException.Timeout("X", "1", Duration.ofSeconds(30)));
  }

  @Test
  void aReportTheCsmsNeverAnswersIsGivenUpAfterItsAttemptsAndTheNextGoesOut() {
    reports.add("a");
    lastTimesOut(); // 1st transmission unanswered: kept
    reports.add("b"); // sends the head again
    lastTimesOut(); // 2nd
    reports.flush();
    lastTimesOut(); // 3rd: given up, "b" goes out

    assertThat(sent).containsExactly("a", "a", "a", "b");
    assertThat(reports.pending()).containsExactly("b");
    answers.get(answers.size() - 1).complete(new Object());
    assertThat(reports.pending()).isEmpty();
  }

  @Test
  void aTimeoutThenAnAnswerDeliversTheReportOnce() {
    reports.add("a");
    lastTimesOut();
    reports.flush();
    answers.get(answers.size() - 1).complete(new Object());

    assertThat(sent).containsExactly("a", "a");
    assertThat(reports.pending()).isEmpty();
  }

  @Test
  void aLostConnectionDoesNotCountAsAnUnansweredTransmission() {
    reports.add("a");
    for (int i = 0; i < PendingReports.ATTEMPTS + 2; i++) {
      answers
          .get(answers.size() - 1)
          .completeExceptionally(new CallFailedException.NotConnected("X", "1"));
      reports.connectionLost();
      reports.flush();
    }

    assertThat(reports.pending()).containsExactly("a");
  }

  @Test
  void whatWaitsForTheQueueToDrainRunsOnceTheLastReportIsAnswered() {
    List<String> done = new ArrayList<>();
    reports.add("a");
    reports.add("b");
    reports.whenDrained(() -> done.add("drained"));

    answers.get(0).complete(new Object());
    assertThat(done).isEmpty();
    answers.get(1).complete(new Object());

    assertThat(done).containsExactly("drained");
    reports.whenDrained(() -> done.add("at once"));
    assertThat(done).containsExactly("drained", "at once");
  }
}
