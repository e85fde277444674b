package io.kilowire.conformance.run;

/**
 * What happened to one step.
 *
 * @param depth 0 for a case's own steps, 1 and more inside reusable states
 * @param detail the failure, or what the step did (e.g. the message id sent)
 */
public record StepRecord(String label, int depth, Phase phase, Outcome outcome, String detail) {
  public enum Outcome {
    DONE,
    FAILED,
    SKIPPED,
    NOT_RUN
  }
}
