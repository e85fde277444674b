package io.kilowire.core.station;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.StationScenario;
import io.kilowire.core.testing.VirtualLink;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A hardware fault ends the transaction and tells the CSMS why the connector is Faulted. */
class FaultScenarioTest {
  private static List<String> statusFrames(StationScenario sc) {
    return sc.link.frames().stream()
        .filter(VirtualLink.Crossing::fromStation)
        .map(VirtualLink.Crossing::frame)
        .filter(f -> f.contains("\"StatusNotification\""))
        .toList();
  }

  @Test
  void anOverCurrentFaultIsReportedAsOverCurrentFailureAndEndsTheTransaction() {
    StationScenario sc = new StationScenario(OcppVersion.V16);
    Station station = sc.startOnline();
    sc.startCharging(1, StationScenario.TOKEN, 16);

    station.fault(1, FaultCode.OVER_CURRENT);
    sc.settle();

    assertThat(station.transaction(1)).isEmpty();
    assertThat(statusFrames(sc))
        .anyMatch(
            f ->
                f.contains("\"connectorId\":1")
                    && f.contains("\"errorCode\":\"OverCurrentFailure\"")
                    && f.contains("\"status\":\"Faulted\""));
    assertThat(sc.csms.actions()).contains("StopTransaction");
  }

  @Test
  void aClearedFaultReturnsTheConnectorToServiceWithNoError() {
    StationScenario sc = new StationScenario(OcppVersion.V16);
    Station station = sc.startOnline();
    station.fault(2, FaultCode.GROUND_FAILURE);
    sc.settle();

    station.fault(2, FaultCode.NONE);
    sc.settle();

    List<String> frames = statusFrames(sc);
    assertThat(frames)
        .anyMatch(
            f -> f.contains("\"connectorId\":2") && f.contains("\"errorCode\":\"GroundFailure\""));
    assertThat(frames.get(frames.size() - 1))
        .contains("\"connectorId\":2")
        .contains("\"errorCode\":\"NoError\"")
        .contains("\"status\":\"Available\"");
    assertThat(station.status(2)).isEqualTo(ConnectorStatus.AVAILABLE);
  }

  @Test
  void aWeldedContactorIsAPowerSwitchFailureWithItsVendorCode() {
    StationScenario sc = new StationScenario(OcppVersion.V16);
    Station station = sc.startOnline();
    station.fault(1, FaultCode.WELDED_CONTACTOR);
    station.fault(2, FaultCode.CONTACTOR_FAILURE);
    sc.settle();

    List<String> frames = statusFrames(sc);
    assertThat(frames)
        .anyMatch(
            f ->
                f.contains("\"connectorId\":1")
                    && f.contains("\"errorCode\":\"PowerSwitchFailure\"")
                    && f.contains("\"vendorErrorCode\":\"WeldedContactor\""));
    assertThat(frames)
        .anyMatch(
            f ->
                f.contains("\"connectorId\":2")
                    && f.contains("\"errorCode\":\"PowerSwitchFailure\"")
                    && f.contains("\"vendorErrorCode\":\"ContactorFailure\""));
  }
}
