package io.kilowire.core.ocpp.v21.adapter;

/**
 * A value that has no counterpart on the other side of the 2.0.1 ↔ 2.1 translation: a 2.1 field or
 * enum value the shared 2.0.1 mapping cannot carry, or a 2.0.1 field 2.1 dropped.
 */
public final class Untranslatable extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final String problem;

  public Untranslatable(String path, String problem) {
    super(path + ": " + problem);
    this.path = path;
    this.problem = problem;
  }

  /** Where in the message, e.g. {@code chargingProfile.chargingSchedule[0].operationMode}. */
  public String path() {
    return path;
  }

  public String problem() {
    return problem;
  }
}
