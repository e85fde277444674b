package io.kilowire.emulator.sandbox;

import io.kilowire.emulator.site.SiteDerCurve;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The sandbox's DER programme (OCPP 2.1 block R): once it accepts a 2.1 station's boot it sets the
 * site's curve controls on it, each a default control (SetDERControl isDefault true), so the
 * station acts on its grid sensor's frequency and voltage by itself, e.g. curtails charging along a
 * FreqWatt curve in an under-frequency event. It prints what each station answers.
 */
final class DerCurveProgramme {
  private final SandboxCsms csms;
  private final List<SiteDerCurve> curves;

  DerCurveProgramme(SandboxCsms csms, List<SiteDerCurve> curves) {
    this.csms = csms;
    this.curves = List.copyOf(curves);
  }

  /** Sets every curve on {@code stationId} (a 2.1 station whose boot was just accepted). */
  void bootAccepted(String stationId) {
    for (SiteDerCurve curve : curves) {
      csms.call(stationId, "SetDERControl", params(curve))
          .whenComplete(
              (answer, failure) ->
                  csms.print(
                      stationId,
                      "<- SetDERControl "
                          + curve.id()
                          + " "
                          + (failure == null ? answer : "failed: " + failure.getMessage())));
    }
  }

  /** SetDERControl's request for {@code curve}: a default control, so without start or duration. */
  static String params(SiteDerCurve curve) {
    String points =
        curve.curve().stream()
            .map(p -> "{\"x\":" + decimal(p.x()) + ",\"y\":" + decimal(p.y()) + "}")
            .collect(Collectors.joining(","));
    return "{\"isDefault\":true,\"controlId\":\""
        + curve.id()
        + "\",\"controlType\":\""
        + curve.type().value()
        + "\",\"curve\":{\"priority\":"
        + curve.priority()
        + ",\"yUnit\":\""
        + curve.yUnit().value()
        + "\",\"curveData\":["
        + points
        + "]}}";
  }

  private static String decimal(double v) {
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
