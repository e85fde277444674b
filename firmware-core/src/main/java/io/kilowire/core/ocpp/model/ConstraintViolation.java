package io.kilowire.core.ocpp.model;

/**
 * A message or field that breaks its schema. Thrown by record constructors and by the decoder; the
 * path names the offending field, e.g. {@code chargingSchedule.chargingSchedulePeriod[1].limit}.
 */
public final class ConstraintViolation extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final ViolationKind kind;
  private final String path;
  private final String problem;

  public ConstraintViolation(ViolationKind kind, String path, String problem) {
    super(path.isEmpty() ? problem : path + ": " + problem);
    this.kind = kind;
    this.path = path;
    this.problem = problem;
  }

  public ViolationKind kind() {
    return kind;
  }

  /** The JSON path of the offending field, empty for the payload itself. */
  public String path() {
    return path;
  }

  /** What is wrong, without the path. */
  public String problem() {
    return problem;
  }

  /** The same violation seen from an enclosing object: {@code prefix.path}. */
  public ConstraintViolation under(String prefix) {
    String joined =
        path.isEmpty() ? prefix : path.startsWith("[") ? prefix + path : prefix + "." + path;
    ConstraintViolation outer = new ConstraintViolation(kind, joined, problem);
    outer.setStackTrace(getStackTrace());
    return outer;
  }
}
