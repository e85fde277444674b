package io.kilowire.core.station.faults;

import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.station.FaultCode;
import io.kilowire.core.station.FaultEvent;
import io.kilowire.core.station.StationContext;
import io.kilowire.core.station.reports.PendingReports;
import java.util.Arrays;
import java.util.List;

/**
 * The faults the hardware reports on each EVSE, and their events (raised, cleared) kept until the
 * CSMS confirmed them: sent at once while the station is registered, after the reconnect otherwise.
 * Memory only: after a restart the hardware reports what still holds.
 */
public final class Faults {
  private final TaskScheduler scheduler;
  private final FaultCode[] codes;
  private final PendingReports<FaultEvent> events;

  public Faults(StationContext context) {
    this.scheduler = context.scheduler();
    this.codes = new FaultCode[context.evseCount()];
    Arrays.fill(codes, FaultCode.NONE);
    this.events =
        new PendingReports<>(
            "fault events",
            PendingReports.CAPACITY,
            context.registered(),
            context.gateway()::faultEvent);
  }

  /** Records the fault in force on {@code evse} (NONE: it cleared); returns the one before. */
  public FaultCode set(int evse, FaultCode code) {
    FaultCode before = codes[evse - 1];
    codes[evse - 1] = code;
    return before;
  }

  /**
   * Queues the event of a change from {@code before} to {@code code}: a new cause is raised, a
   * clear names the cause that went away; no change, no event.
   */
  public void report(int evse, FaultCode before, FaultCode code) {
    if (code == before) {
      return;
    }
    events.add(
        code != FaultCode.NONE
            ? new FaultEvent(evse, code, false, scheduler.now())
            : new FaultEvent(evse, before, true, scheduler.now()));
  }

  public boolean faulted(int evse) {
    return codes[evse - 1] != FaultCode.NONE;
  }

  /** The fault in force on {@code evse}; NONE without one. */
  public FaultCode code(int evse) {
    return codes[evse - 1];
  }

  /** Fault events not yet confirmed by the CSMS. */
  public List<FaultEvent> pending() {
    return events.pending();
  }

  /** The station is registered again: the events kept go out. */
  public void flush() {
    events.flush();
  }

  public void connectionLost() {
    events.connectionLost();
  }
}
