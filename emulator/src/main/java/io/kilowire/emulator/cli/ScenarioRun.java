package io.kilowire.emulator.cli;

import io.kilowire.core.runtime.ExecutorTaskScheduler;
import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.emulator.control.ControlPlane;
import io.kilowire.emulator.scenario.JunitReport;
import io.kilowire.emulator.scenario.Scenario;
import io.kilowire.emulator.scenario.ScenarioRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A {@code --scenario} in a run: its runner on a thread of its own (real time) or on the virtual
 * clock, started before the stations so that it sees their boot, ended with the run; its JUnit
 * report written at the end.
 */
final class ScenarioRun {
  /** The run's exit code when a step of its scenario failed. */
  static final int FAILED = 3;

  private final ScenarioRunner runner;
  private final TaskScheduler scheduler;
  private final @Nullable ExecutorTaskScheduler ownThread;
  private final Path report;
  private final Console console;
  private final Instant started;

  private ScenarioRun(
      ScenarioRunner runner,
      TaskScheduler scheduler,
      @Nullable ExecutorTaskScheduler ownThread,
      Path report,
      Console console) {
    this.runner = runner;
    this.scheduler = scheduler;
    this.ownThread = ownThread;
    this.report = report;
    this.console = console;
    this.started = scheduler.now();
  }

  /**
   * Starts {@code scenario}; {@code virtualClock} null runs it on a real-time thread of its own.
   * {@code done} runs when its last step is done (the run then stops).
   */
  static ScenarioRun start(
      Scenario scenario,
      Path report,
      ControlPlane control,
      @Nullable TaskScheduler virtualClock,
      Console console,
      Runnable done) {
    ExecutorTaskScheduler own =
        virtualClock == null ? ExecutorTaskScheduler.singleThread("scenario", Map.of()) : null;
    TaskScheduler scheduler = virtualClock != null ? virtualClock : own;
    ScenarioRunner runner =
        new ScenarioRunner(
            scenario, control.operations(), scheduler, line -> console.line("scenario", line));
    console.line(
        "scenario",
        scenario.name() + ": " + scenario.steps().size() + " step(s); report " + report);
    runner.start(control.events()).thenRun(done);
    return new ScenarioRun(runner, scheduler, own, report, console);
  }

  /**
   * Ends the scenario (steps not done count as errors) and writes the report. In virtual time call
   * it on the thread that drives the clock.
   *
   * @return whether every step passed
   */
  boolean finish() throws InterruptedException {
    List<ScenarioRunner.Result> results;
    if (ownThread != null) {
      CompletableFuture<List<ScenarioRunner.Result>> stopped = new CompletableFuture<>();
      ownThread.execute(() -> stopped.complete(runner.stopNow()));
      try {
        results = stopped.get(10, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        results = List.of();
        console.line("scenario", "did not stop cleanly: " + e);
      }
      ownThread.close();
    } else {
      results = runner.stopNow();
    }
    boolean passed = !results.isEmpty() && ScenarioRunner.passed(results);
    long failed =
        results.stream().filter(r -> r.outcome() != ScenarioRunner.Outcome.PASSED).count();
    try {
      JunitReport.write(report, runner.scenario(), results, started);
    } catch (IOException e) {
      console.line("scenario", "cannot write the report " + report + ": " + e.getMessage());
      passed = false;
    }
    console.line(
        "scenario",
        runner.scenario().name()
            + (passed
                ? ": passed, " + results.size() + " step(s)"
                : ": FAILED, " + failed + " of " + results.size() + " step(s)")
            + "; report "
            + report);
    return passed;
  }
}
