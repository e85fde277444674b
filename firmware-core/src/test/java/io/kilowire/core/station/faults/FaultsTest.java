package io.kilowire.core.station.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.json.JsonFrameCodec;
import io.kilowire.core.ocpp.v201.EventData;
import io.kilowire.core.ocpp.v201.adapter.V201Gateway;
import io.kilowire.core.scheduling.VirtualScheduler;
import io.kilowire.core.station.FaultCode;
import io.kilowire.core.station.SessionHolder;
import io.kilowire.core.station.StationContext;
import io.kilowire.core.station.StationIdentity;
import io.kilowire.core.station.StationParameters;
import io.kilowire.core.testing.FakeHardware;
import io.kilowire.core.testing.ScriptedCsms;
import io.kilowire.core.testing.StationScenario;
import io.kilowire.core.testing.VirtualLink;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The faults room alone, without a station: a real 2.0.1 gateway speaks to a scripted CSMS over a
 * virtual link, and whether the station may talk is the test's to say.
 */
class FaultsTest {
  private final VirtualScheduler clock = new VirtualScheduler(StationScenario.T0);
  private final ScriptedCsms csms = new ScriptedCsms(clock, OcppVersion.V201);
  private final VirtualLink link =
      new VirtualLink(clock, OcppVersion.V201, StationScenario.LATENCY)
          .csmsHandlers(csms::register);
  private final SessionHolder session = new SessionHolder();
  private boolean registered;
  private final Faults faults =
      new Faults(
          new StationContext(
              2,
              StationParameters.Fixed.defaults(),
              clock,
              new V201Gateway(
                  session, new JsonFrameCodec(), new StationIdentity("K", "M", "S", "1")),
              new FakeHardware(clock),
              () -> registered,
              () -> registered));

  private void register() {
    session.attach(link.connect());
    registered = true;
    faults.flush();
    clock.advance(Duration.ofSeconds(1));
  }

  @Test
  void aFaultRaisedWhileTheStationCannotTalkWaitsAndReachesTheCsmsOnceItCan() {
    faults.report(1, faults.set(1, FaultCode.GROUND_FAILURE), FaultCode.GROUND_FAILURE);
    clock.advance(Duration.ofSeconds(1));

    assertThat(faults.faulted(1)).isTrue();
    assertThat(faults.faulted(2)).isFalse();
    assertThat(faults.pending()).hasSize(1);
    assertThat(csms.notifyEvents()).isEmpty();

    register();

    assertThat(faults.pending()).isEmpty();
    assertThat(csms.notifyEvents())
        .extracting(EventData::techCode)
        .containsExactly("GroundFailure");
  }

  @Test
  void aClearNamesTheCauseThatWentAwayAndAnUnchangedCauseMakesNoEvent() {
    register();
    faults.report(2, faults.set(2, FaultCode.OVER_CURRENT), FaultCode.OVER_CURRENT);
    faults.report(2, faults.set(2, FaultCode.OVER_CURRENT), FaultCode.OVER_CURRENT);
    faults.report(2, faults.set(2, FaultCode.NONE), FaultCode.NONE);
    clock.advance(Duration.ofSeconds(1));

    assertThat(faults.code(2)).isEqualTo(FaultCode.NONE);
    assertThat(csms.notifyEvents())
        .extracting(e -> e.techCode() + ":" + e.cleared())
        .containsExactly("OverCurrent:null", "OverCurrent:true");
  }
}
