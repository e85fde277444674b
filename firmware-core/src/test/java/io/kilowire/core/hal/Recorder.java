package io.kilowire.core.hal;

import io.kilowire.core.scheduling.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Records every effect with its virtual time in seconds, e.g. {@code "5.0 pilot PWM 41.6 %"}. */
final class Recorder implements PilotOutput {
  final VirtualScheduler scheduler;
  final Instant start;
  final List<String> log = new ArrayList<>();
  final List<PilotSignal> pilots = new ArrayList<>();
  final List<PilotFault> faults = new ArrayList<>();

  Recorder(VirtualScheduler scheduler) {
    this.scheduler = scheduler;
    this.start = scheduler.now();
  }

  private void add(String what) {
    log.add(Duration.between(start, scheduler.now()).toMillis() / 1000.0 + " " + what);
  }

  @Override
  public void pilot(PilotSignal signal) {
    pilots.add(signal);
    add("pilot " + signal);
  }

  @Override
  public void contactor(boolean closed) {
    add(closed ? "contactor closed" : "contactor open");
  }

  @Override
  public void phases(int count) {
    add("phases " + count);
  }

  @Override
  public void hlcLimit(double amps) {
    add("hlc " + amps + " A");
  }

  @Override
  public void fault(PilotFault fault) {
    faults.add(fault);
    add("fault " + fault.kind());
  }
}
