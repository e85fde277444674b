package io.kilowire.core.station.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.json.JsonFrameCodec;
import io.kilowire.core.ocpp.v16.adapter.V16Gateway;
import io.kilowire.core.scheduling.VirtualScheduler;
import io.kilowire.core.station.CsmsGateway.Registration;
import io.kilowire.core.station.MeterMeasurands;
import io.kilowire.core.station.SessionHolder;
import io.kilowire.core.station.StationIdentity;
import io.kilowire.core.station.StationParameters;
import io.kilowire.core.testing.ScriptedCsms;
import io.kilowire.core.testing.StationScenario;
import io.kilowire.core.testing.VirtualLink;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The provisioning room alone, without a station: a real 1.6 gateway speaks to a scripted CSMS over
 * a virtual link.
 */
class ProvisioningTest {
  private final VirtualScheduler clock = new VirtualScheduler(StationScenario.T0);
  private final ScriptedCsms csms = new ScriptedCsms(clock, OcppVersion.V16);
  private final VirtualLink link =
      new VirtualLink(clock, OcppVersion.V16, StationScenario.LATENCY).csmsHandlers(csms::register);
  private final SessionHolder session = new SessionHolder();
  private final List<Registration> answers = new ArrayList<>();
  private final List<Instant> csmsTimes = new ArrayList<>();
  private int registeredRuns;
  private final Provisioning provisioning =
      new Provisioning(
          new V16Gateway(
              session,
              new JsonFrameCodec(),
              new StationIdentity("K", "M", "S", "1"),
              MeterMeasurands.ALL,
              () -> false),
          clock,
          StationParameters.Fixed.defaults(),
          answers::add,
          csmsTimes::add,
          () -> registeredRuns++);

  private void connect() {
    session.attach(link.connect());
    provisioning.connectionOpened();
    provisioning.register();
  }

  @Test
  void aPendingStationBootsAgainAfterTheIntervalAndIsRegisteredOnceAccepted() {
    csms.boot(Registration.PENDING, 20);
    connect();
    clock.advance(Duration.ofSeconds(1));

    assertThat(answers).containsExactly(Registration.PENDING);
    assertThat(provisioning.registered()).isFalse();
    assertThat(registeredRuns).isZero();

    csms.boot(Registration.ACCEPTED, 300);
    clock.advance(Duration.ofSeconds(20));

    assertThat(answers).containsExactly(Registration.PENDING, Registration.ACCEPTED);
    assertThat(provisioning.registered()).isTrue();
    assertThat(registeredRuns).isEqualTo(1);
    assertThat(csms.actions()).containsExactly("BootNotification", "BootNotification");

    provisioning.scheduleHeartbeat(); // as the station does once registered
    clock.advance(Duration.ofSeconds(301)); // the interval the CSMS assigned, and the round trip
    assertThat(csms.actions()).endsWith("Heartbeat");
    assertThat(csmsTimes).hasSize(3); // two boot answers and the heartbeat's
  }

  @Test
  void aStationAcceptedBeforeIsRegisteredOnTheNextConnectionWithoutANewBootNotification() {
    csms.boot(Registration.ACCEPTED, 300);
    connect();
    clock.advance(Duration.ofSeconds(1));

    link.drop();
    session.detach();
    provisioning.connectionLost();
    assertThat(provisioning.registered()).isFalse();
    assertThat(provisioning.accepted()).isTrue();

    connect();
    clock.advance(Duration.ofSeconds(1));

    assertThat(registeredRuns).isEqualTo(2);
    assertThat(csms.actions()).containsExactly("BootNotification");
  }
}
