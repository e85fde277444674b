package io.kilowire.core.loadmanagement.group;

/**
 * A member's report to the controller, sent every heartbeat interval and as the answer to each
 * allocation.
 *
 * @param memberId who reports
 * @param epoch the highest controller term the member has accepted (0 = none yet); a returning
 *     controller takes a term above every one reported
 * @param seq the sequence number of the last allocation accepted in that term (-1 = none)
 * @param state where the member's limit comes from now
 * @param appliedA the limit the member applies now, per phase
 * @param recentA the highest limit it applied within the last response window (its EV may still
 *     draw up to that while it follows a decrease)
 * @param active an EV wants energy
 * @param evMaxA the most the EV takes per phase (0 when idle)
 * @param drawA what the EVSE's meter measures now, largest phase
 */
public record DemandReport(
    String memberId,
    long epoch,
    long seq,
    MemberState state,
    double appliedA,
    double recentA,
    boolean active,
    double evMaxA,
    double drawA) {
  public DemandReport {
    if (!(appliedA >= 0) || !Double.isFinite(appliedA)) {
      throw new IllegalArgumentException("appliedA must be finite and >= 0");
    }
    if (!(recentA >= appliedA) || !Double.isFinite(recentA)) {
      throw new IllegalArgumentException("recentA must be finite and >= appliedA");
    }
    if (!(evMaxA >= 0) || !Double.isFinite(evMaxA)) {
      throw new IllegalArgumentException("evMaxA must be finite and >= 0");
    }
    if (!(drawA >= 0) || !Double.isFinite(drawA)) {
      throw new IllegalArgumentException("drawA must be finite and >= 0");
    }
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must be >= 0");
    }
  }
}
