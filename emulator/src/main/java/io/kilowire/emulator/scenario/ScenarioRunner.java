package io.kilowire.emulator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.emulator.control.ApiError;
import io.kilowire.emulator.control.EventHub;
import io.kilowire.emulator.control.Fleet;
import io.kilowire.emulator.control.RequestBody;
import io.kilowire.emulator.control.StationOperations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Runs a {@link Scenario} on a scheduler (a real-time thread of its own, or the virtual clock), its
 * steps one after another: triggers wait on that scheduler's time, operations go through the
 * control API's {@link StationOperations}, and events come from the {@link EventHub}. An {@code on}
 * or {@code expect} is met by a matching event of each of its stations that happened since the
 * previous step began (so an answer that comes quickly after an operation is not missed).
 *
 * <p>Everything but {@link #start} runs on the scheduler's thread.
 */
public final class ScenarioRunner {
  /** How a step ended. */
  public enum Outcome {
    PASSED,
    /** An expectation (or an awaited event) did not come true in time. */
    FAILED,
    /** An operation was refused, or the run ended before the step. */
    ERROR
  }

  /** One step's outcome, for the console and the JUnit report. */
  public record Result(Scenario.Step step, Outcome outcome, String message, Duration took) {}

  /** Events kept for matching: enough for a long scenario, bounded for a long run. */
  static final int EVENTS_KEPT = 200_000;

  private final Scenario scenario;
  private final StationOperations operations;
  private final TaskScheduler scheduler;
  private final Consumer<String> log;
  private final List<JsonNode> events = new ArrayList<>();
  private int eventsDropped; // events before index 0 of the list
  private final List<Result> results = new ArrayList<>();
  private final CompletableFuture<List<Result>> finished = new CompletableFuture<>();
  private @Nullable Runnable unsubscribe;

  private Instant started = Instant.EPOCH;
  private int next;
  private long previousStepBegan; // event number where the previous step began
  private long stepBegan;
  private Instant stepStarted = Instant.EPOCH;
  private @Nullable Waiter waiting;

  /** An {@code on} or {@code expect} waiting for its events. */
  private final class Waiter {
    final EventMatch match;
    final Set<String> missing;
    final Runnable met;
    final TaskScheduler.Cancellable timeout;

    Waiter(EventMatch match, Set<String> stations, Duration within, Runnable met, Runnable late) {
      this.match = match;
      this.missing = new HashSet<>(stations);
      this.met = met;
      this.timeout =
          scheduler.schedule(
              within,
              () -> {
                if (waiting == this) {
                  waiting = null;
                  late.run();
                }
              });
    }

    /** Whether this event completes the wait. */
    boolean see(JsonNode event) {
      String station = event.path("station").asText();
      if (missing.contains(station) && match.matches(event)) {
        missing.remove(station);
      }
      return missing.isEmpty();
    }
  }

  /**
   * @param log where each step's outcome is told (the console)
   */
  public ScenarioRunner(
      Scenario scenario,
      StationOperations operations,
      TaskScheduler scheduler,
      Consumer<String> log) {
    this.scenario = scenario;
    this.operations = operations;
    this.scheduler = scheduler;
    this.log = log;
  }

  /**
   * Starts seeing events now (subscribe before the stations start, to see their boot) and begins
   * the timeline. Completes when the last step is done.
   */
  public CompletableFuture<List<Result>> start(EventHub hub) {
    unsubscribe =
        hub.subscribe(event -> scheduler.schedule(Duration.ZERO, () -> onEvent(event)), "scenario");
    scheduler.schedule(
        Duration.ZERO,
        () -> {
          started = scheduler.now();
          runNext();
        });
    return finished;
  }

  /** Completes when the last step is done, or {@link #stopNow} was called. */
  public CompletableFuture<List<Result>> finished() {
    return finished;
  }

  /**
   * The run ends before the scenario did: the steps not done are errors. Call on the scheduler's
   * thread.
   */
  public List<Result> stopNow() {
    if (!finished.isDone()) {
      Waiter w = waiting;
      if (w != null) {
        w.timeout.cancel();
        waiting = null;
      }
      for (int i = next - (w != null ? 1 : 0); i < scenario.steps().size(); i++) {
        if (i >= 0) {
          results.add(
              new Result(
                  scenario.steps().get(i),
                  Outcome.ERROR,
                  "not done: the run ended",
                  Duration.ZERO));
        }
      }
      finish();
    }
    return List.copyOf(results);
  }

  public Scenario scenario() {
    return scenario;
  }

  // ---------------------------------------------------------------- on the scheduler's thread

  private long eventCount() {
    return eventsDropped + events.size();
  }

  private void onEvent(JsonNode event) {
    events.add(event);
    if (events.size() > EVENTS_KEPT) {
      events.subList(0, EVENTS_KEPT / 10).clear();
      eventsDropped += EVENTS_KEPT / 10;
    }
    Waiter w = waiting;
    if (w != null && w.see(event)) {
      waiting = null;
      w.timeout.cancel();
      w.met.run();
    }
  }

  private void runNext() {
    if (finished.isDone()) {
      return;
    }
    if (next >= scenario.steps().size()) {
      finish();
      return;
    }
    Scenario.Step step = scenario.steps().get(next++);
    previousStepBegan = stepBegan;
    stepBegan = eventCount();
    stepStarted = scheduler.now();
    Scenario.Trigger trigger = step.trigger();
    if (trigger instanceof Scenario.Trigger.At at) {
      Duration wait = Duration.between(scheduler.now(), started.plus(at.at()));
      scheduler.schedule(wait.isNegative() ? Duration.ZERO : wait, () -> body(step));
    } else if (trigger instanceof Scenario.Trigger.After after) {
      scheduler.schedule(after.delay(), () -> body(step));
    } else if (trigger instanceof Scenario.Trigger.On on) {
      await(
          step,
          on.match(),
          on.within(),
          () -> {
            if (step.operation() == null && step.expect() == null) {
              done(step, Outcome.PASSED, on.match().describe());
            } else {
              body(step);
            }
          });
    } else {
      body(step);
    }
  }

  private void body(Scenario.Step step) {
    if (step.operation() != null) {
      try {
        for (String id : stationsOf(step)) {
          operate(step, id);
        }
        done(step, Outcome.PASSED, "done");
      } catch (ApiError | Fleet.FleetException e) {
        done(step, Outcome.ERROR, e.getMessage());
      } catch (RuntimeException e) {
        done(step, Outcome.ERROR, String.valueOf(e));
      }
      return;
    }
    EventMatch expect = step.expect();
    if (expect != null) {
      await(step, expect, step.within(), () -> done(step, Outcome.PASSED, expect.describe()));
    }
  }

  /** Waits for {@code match} on each of the step's stations, looking back to the previous step. */
  private void await(Scenario.Step step, EventMatch match, Duration within, Runnable met) {
    Set<String> stations = new HashSet<>(stationsOf(step));
    Waiter w =
        new Waiter(
            match,
            stations,
            within,
            met,
            () ->
                done(
                    step,
                    Outcome.FAILED,
                    match.describe() + " did not happen within " + within.toSeconds() + " s"));
    int from = (int) Math.max(0, previousStepBegan - eventsDropped);
    for (int i = from; i < events.size(); i++) {
      if (w.see(events.get(i))) {
        w.timeout.cancel();
        met.run();
        return;
      }
    }
    waiting = w;
  }

  private List<String> stationsOf(Scenario.Step step) {
    if (step.operation() != null && step.operation().equals("add")) {
      return List.of("");
    }
    return step.stations().isEmpty() ? operations.fleet().ids() : step.stations();
  }

  private void operate(Scenario.Step step, String id) {
    ObjectNode args = step.arguments().deepCopy();
    String evse = args.has("evse") ? args.remove("evse").asText() : "";
    StationOperations ops = operations;
    switch (java.util.Objects.requireNonNull(step.operation())) {
      case "plug" -> ops.plug(id, evse, RequestBody.of(args));
      case "unplug" -> ops.unplug(id, evse);
      case "token" -> ops.token(id, evse, RequestBody.of(args));
      case "ev" -> ops.ev(id, evse, RequestBody.of(args));
      case "fault" -> ops.fault(id, evse, RequestBody.of(args));
      case "clearFault" -> ops.clearFault(id, evse);
      case "disconnect" -> ops.network(id, false);
      case "connect" -> ops.network(id, true);
      case "stop" -> ops.stop(id);
      case "start" -> ops.start(id);
      case "csms" -> ops.csms(id, RequestBody.of(args));
      case "configure" -> ops.setConfiguration(id, RequestBody.of(args));
      case "send" -> {
        JsonNode payload = args.path("payload");
        ops.sendAsync(
            id, args.path("action").asText(), payload.isMissingNode() ? "{}" : payload.toString());
      }
      case "raw" -> ops.raw(id, args.path("frame").asText());
      case "add" -> ops.add(RequestBody.of(args));
      case "remove" -> ops.remove(id);
      default -> throw new IllegalStateException("unknown operation " + step.operation());
    }
  }

  private void done(Scenario.Step step, Outcome outcome, String message) {
    Duration took = Duration.between(stepStarted, scheduler.now());
    results.add(new Result(step, outcome, message, took));
    log.accept(
        "step "
            + step.index()
            + " "
            + outcome
            + ": "
            + step.label()
            + (outcome == Outcome.PASSED ? "" : " (" + message + ")"));
    runNext();
  }

  private void finish() {
    Runnable u = unsubscribe;
    if (u != null) {
      u.run();
    }
    finished.complete(List.copyOf(results));
  }

  /** Whether every step passed. */
  public static boolean passed(List<Result> results) {
    return results.stream().allMatch(r -> r.outcome() == Outcome.PASSED);
  }
}
