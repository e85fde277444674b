package io.kilowire.core.station;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.station.CsmsGateway.Registration;
import io.kilowire.core.testing.StationScenario;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Observers of the station (a console, metrics, a session listener) cannot change what it does:
 * with one that throws on every event the CSMS sees exactly the session it sees without.
 */
class ObserverIsolationScenarioTest {

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void aThrowingObserverLeavesTheStationsConversationUnchanged(OcppVersion version) {
    List<String> calm = chargingSession(new StationScenario(version), false);
    List<String> troubled =
        chargingSession(new StationScenario(version).alsoObservedBy(throwing()), true);

    assertThat(troubled).isEqualTo(calm).isNotEmpty();
  }

  /** Boot, a charge, its end; the CSMS's view of it. */
  private static List<String> chargingSession(StationScenario sc, boolean throwingSessionListener) {
    sc.csms.boot(Registration.ACCEPTED, 300);
    Station station = sc.start();
    if (throwingSessionListener) {
      station.onSessionChange(
          evse -> {
            throw new IllegalStateException("listener broken");
          });
    }
    sc.connect();
    sc.settle();
    sc.startCharging(1, StationScenario.TOKEN, 16);
    sc.advance(Duration.ofMinutes(2));
    station.unplug(1);
    sc.settle();
    assertThat(sc.events()).singleElement().asString().startsWith("ended ");
    return sc.csms.actions();
  }

  /** An observer that throws on every event, as a broken console would. */
  private static Station.Observer throwing() {
    return (Station.Observer)
        Proxy.newProxyInstance(
            Station.Observer.class.getClassLoader(),
            new Class<?>[] {Station.Observer.class},
            (proxy, method, args) -> {
              if (method.getDeclaringClass() == Station.Observer.class) {
                throw new IllegalStateException("console broken");
              }
              return method.invoke(THROWING_IDENTITY, args);
            });
  }

  /** Answers Object's methods for the proxy. */
  private static final Object THROWING_IDENTITY = new Object();
}
