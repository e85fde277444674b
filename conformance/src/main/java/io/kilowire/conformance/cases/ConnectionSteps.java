package io.kilowire.conformance.cases;

import static io.kilowire.conformance.script.Verbs.checkTls;
import static io.kilowire.conformance.script.Verbs.expectRefused;
import static io.kilowire.conformance.script.Verbs.expectSubprotocol;
import static io.kilowire.conformance.script.Verbs.reconnect;
import static io.kilowire.conformance.script.Verbs.steps;

import io.kilowire.conformance.script.Credentials;
import io.kilowire.conformance.script.Step;
import java.util.List;

/** Connection-level endings the security cases of both documents share. */
public final class ConnectionSteps {
  private ConnectionSteps() {}

  /** The TLS endpoint inspected as far as {@code scope} says; then connected as configured. */
  public static List<Step> tlsChecked(Step.CheckTls.Scope scope, Step booted) {
    return steps(checkTls(scope), reconnect(Credentials.configured()), booted);
  }

  /**
   * OCPP-J 3.1.2's subprotocol probes: an upgrade offering only an unknown version (ocpp0.1) is
   * refused, one offering it beside {@code subprotocol} gets {@code subprotocol}; then connected as
   * configured.
   */
  public static List<Step> subprotocolNegotiated(String subprotocol, Step booted) {
    return steps(
        expectSubprotocol(List.of("ocpp0.1"), null),
        expectSubprotocol(List.of("ocpp0.1", subprotocol), subprotocol),
        reconnect(Credentials.configured()),
        booted);
  }

  /**
   * After the reset into security profile 3: the station is back with the certificate the CSMS
   * signed and boots; the old profile is refused now (A05.FR.07) and the new one taken again.
   */
  public static List<Step> backOnProfile3(Step booted) {
    return steps(
        reconnect(Credentials.upgraded()),
        booted,
        expectRefused(Credentials.configured()),
        reconnect(Credentials.upgraded()));
  }
}
