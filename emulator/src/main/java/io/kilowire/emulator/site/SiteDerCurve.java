package io.kilowire.emulator.site;

import io.kilowire.core.der.DerControlType;
import io.kilowire.core.der.DerUnit;
import io.kilowire.core.ocpp.v21.DERControl;
import io.kilowire.core.ocpp.v21.DERUnit;
import io.kilowire.core.ocpp.v21.adapter.V21DerMapping;
import io.kilowire.emulator.description.FileNode;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A curve control (OCPP 2.1 block R) the site's sandbox CSMS sets on its 2.1 stations once it
 * accepts their boot: one item of {@code grid.der} in a site file. A default control, or, with
 * {@code from} and {@code until} (times of day in the site's zone), a scheduled one in force in
 * that window.
 *
 * @param id the control's id (SetDERControl controlId)
 * @param type a curve type (FreqWatt, VoltVar, HFMustTrip, ...)
 * @param priority 0 is the highest
 * @param yUnit what the y values are a percentage of
 * @param curve its points, x ascending
 * @param from the start of its window each day (null: a default control)
 * @param until the end of its window (after {@code from}: the next day; null with {@code from})
 */
public record SiteDerCurve(
    String id,
    DERControl type,
    int priority,
    DERUnit yUnit,
    List<Point> curve,
    @Nullable LocalTime from,
    @Nullable LocalTime until) {
  /** A point of the curve (x e.g. in Hz for FreqWatt, y in {@code yUnit}). */
  public record Point(double x, double y) {}

  public SiteDerCurve {
    curve = List.copyOf(curve);
    if ((from == null) != (until == null)) {
      throw new IllegalArgumentException("from and until go together");
    }
  }

  /** A default control, in force whenever no scheduled one of its type is. */
  public SiteDerCurve(String id, DERControl type, int priority, DERUnit yUnit, List<Point> curve) {
    this(id, type, priority, yUnit, curve, null, null);
  }

  /** Whether this is a scheduled control (a window each day) rather than a default one. */
  public boolean scheduled() {
    return from != null;
  }

  /**
   * Reads {@code grid.der}: a list of {@code {id, type, priority, yUnit, curve: [{x, y}, ...]}}.
   * Errors name the field.
   */
  static List<SiteDerCurve> parseAll(FileNode list) {
    List<SiteDerCurve> controls = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (FileNode n : list.nonEmptyArray()) {
      SiteDerCurve c = parse(n);
      if (!ids.add(c.id())) {
        throw n.req("id").error("another control already has the id '" + c.id() + "'");
      }
      controls.add(c);
    }
    return controls;
  }

  private static SiteDerCurve parse(FileNode n) {
    n.only("id", "type", "priority", "yUnit", "curve", "from", "until");
    FileNode idNode = n.req("id");
    String id = idNode.text();
    if (!id.matches("[A-Za-z0-9._-]{1,36}")) {
      throw idNode.error("expected 1 to 36 letters, digits, '.', '_' or '-', not '" + id + "'");
    }
    FileNode typeNode = n.req("type");
    DERControl type = wire(typeNode, DERControl.values(), DERControl::value);
    if (V21DerMapping.type(type).shape() != DerControlType.Shape.CURVE) {
      throw typeNode.error(type.value() + " is not a curve; expected one of " + curveTypes());
    }
    FileNode priorityNode = n.opt("priority");
    int priority = priorityNode == null ? 0 : priorityNode.integer(0, 1000);
    FileNode unitNode = n.req("yUnit");
    DERUnit yUnit = wire(unitNode, DERUnit.values(), DERUnit::value);
    if (!V21DerMapping.type(type).takes(DerUnit.valueOf(yUnit.name()))) {
      throw unitNode.error(type.value() + " does not take y in " + yUnit.value());
    }
    FileNode curveNode = n.req("curve");
    List<FileNode> pointNodes = curveNode.nonEmptyArray();
    if (pointNodes.size() > 10) {
      throw curveNode.error("at most 10 points, not " + pointNodes.size());
    }
    List<Point> points = new ArrayList<>();
    for (FileNode p : pointNodes) {
      p.only("x", "y");
      Point point = new Point(p.req("x").number(), p.req("y").number());
      if (!points.isEmpty() && !(point.x() > points.get(points.size() - 1).x())) {
        throw p.req("x").error("x must rise from point to point");
      }
      points.add(point);
    }
    FileNode fromNode = n.opt("from");
    FileNode untilNode = n.opt("until");
    if (fromNode == null && untilNode != null) {
      throw untilNode.error("a scheduled control needs from as well");
    }
    if (fromNode != null && untilNode == null) {
      throw fromNode.error("a scheduled control needs until as well");
    }
    LocalTime from = fromNode == null ? null : fromNode.timeOfDay();
    LocalTime until = untilNode == null ? null : untilNode.timeOfDay();
    if (from != null && from.equals(until)) {
      throw Objects.requireNonNull(untilNode).error("the window must not be empty");
    }
    return new SiteDerCurve(id, type, priority, yUnit, points, from, until);
  }

  private static <E> E wire(FileNode n, E[] values, java.util.function.Function<E, String> name) {
    String text = n.text();
    return Arrays.stream(values)
        .filter(v -> name.apply(v).equals(text))
        .findFirst()
        .orElseThrow(
            () ->
                n.error(
                    "expected one of "
                        + Arrays.stream(values).map(name).collect(Collectors.joining(", "))
                        + ", not '"
                        + text
                        + "'"));
  }

  private static String curveTypes() {
    return Arrays.stream(DERControl.values())
        .filter(t -> V21DerMapping.type(t).shape() == DerControlType.Shape.CURVE)
        .map(DERControl::value)
        .collect(Collectors.joining(", "));
  }
}
