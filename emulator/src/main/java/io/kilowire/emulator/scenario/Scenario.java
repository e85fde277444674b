package io.kilowire.emulator.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A scenario: steps run one after another. Each waits for its trigger (a time since the start, a
 * delay after the previous step, or an event), then does an operation on its stations or checks an
 * expectation.
 *
 * @param name names the JUnit test suite
 */
public record Scenario(String name, List<Step> steps) {
  public Scenario {
    steps = List.copyOf(steps);
  }

  /** When a step starts. */
  public sealed interface Trigger {
    /** Right after the previous step. */
    record Now() implements Trigger {}

    /** At {@code at} after the scenario began (at once if that has passed). */
    record At(Duration at) implements Trigger {}

    /** {@code delay} after the previous step. */
    record After(Duration delay) implements Trigger {}

    /** When an event matching {@code match} has happened, waiting at most {@code within}. */
    record On(EventMatch match, Duration within) implements Trigger {}
  }

  /**
   * One step.
   *
   * @param stations the station ids it acts on or expects of; empty = every station of the run
   * @param operation what it does ({@code do}), with its arguments; null for an expectation
   * @param expect what must happen within {@code within}; null for an operation or a bare trigger
   */
  public record Step(
      int index,
      String label,
      Trigger trigger,
      List<String> stations,
      @Nullable String operation,
      ObjectNode arguments,
      @Nullable EventMatch expect,
      Duration within) {
    public Step {
      stations = List.copyOf(stations);
    }
  }
}
