package io.kilowire.emulator.station;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.TestCsms;
import io.kilowire.core.testing.TestCsms.Received;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A reset reboots an emulated station as a real one reboots: over a real WebSocket on 127.0.0.1 the
 * CSMS sees the connection close and a new one open, the transaction's end on the old one and the
 * BootNotification (RemoteReset) on the new one, and the station's persisted state is still there.
 */
class EmulatedRebootIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path stateDir;

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void aResetClosesTheConnectionAndTheStationBootsOnANewOne(OcppVersion version) {
    String id = "RB-" + version.name();
    boolean v16 = version == OcppVersion.V16;
    try (TestCsms csms = TestCsms.start(version);
        EmulatedStation station =
            TestStations.oneEvse(
                csms, id, version, stateDir.resolve(id), EmulatedToken.Type.ISO14443)) {
      station.start();
      TestStations.arriveOnceAccepted(csms, id, station);
      String started = v16 ? "StartTransaction" : "TransactionEvent";
      csms.awaitCall(id, started, WAIT);
      // A persisted setting the CSMS made before the reset.
      csms.call(
          id,
          v16 ? "ChangeConfiguration" : "SetVariables",
          v16
              ? "{\"key\":\"MeterValueSampleInterval\",\"value\":\"7\"}"
              : "{\"setVariableData\":[{\"attributeValue\":\"7\",\"component\":{\"name\":"
                  + "\"SampledDataCtrlr\"},\"variable\":{\"name\":\"TxUpdatedInterval\"}}]}");

      String status =
          csms.call(id, "Reset", v16 ? "{\"type\":\"Soft\"}" : "{\"type\":\"Immediate\"}")
              .at("/status")
              .asText();

      assertThat(status).isEqualTo("Accepted");
      List<Received> boots =
          await().atMost(WAIT).until(() -> csms.calls(id, "BootNotification"), b -> b.size() == 2);
      assertThat(boots).extracting(Received::connection).containsExactly(1, 2);
      if (!v16) {
        assertThat(boots.get(1).at("/reason").asText()).isEqualTo("RemoteReset");
      }
      assertThat(csms.events())
          .containsExactly("connected " + id, "disconnected " + id, "connected " + id);
      Received end =
          v16
              ? csms.awaitCall(id, "StopTransaction", WAIT)
              : csms.awaitCall(
                  id, "TransactionEvent", p -> p.at("/eventType").asText().equals("Ended"), WAIT);
      assertThat(end.connection()).isEqualTo(1);
      assertThat(
              v16
                  ? csms.call(id, "GetConfiguration", "{\"key\":[\"MeterValueSampleInterval\"]}")
                      .at("/configurationKey/0/value")
                      .asText()
                  : csms.call(
                          id,
                          "GetVariables",
                          "{\"getVariableData\":[{\"component\":{\"name\":\"SampledDataCtrlr\"},"
                              + "\"variable\":{\"name\":\"TxUpdatedInterval\"}}]}")
                      .at("/getVariableResult/0/attributeValue")
                      .asText())
          .isEqualTo("7");
    }
  }
}
