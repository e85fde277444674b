package io.kilowire.emulator.station;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.hal.Iso15118Link.CertificateBackend;
import io.kilowire.core.hal.Iso15118Link.ContractCertificateAnswer;
import io.kilowire.core.hal.Iso15118Link.ContractCertificateRequest;
import io.kilowire.core.hal.Iso15118Link.OcspQuery;
import io.kilowire.core.hal.Iso15118Link.OcspStatus;
import io.kilowire.core.scheduling.VirtualScheduler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The emulated EV asks for its contract certificate over the simulated ISO 15118 link: the request
 * reaches the station's certificate backend as the EV sent it and the answer comes back; without an
 * ISO 15118 session there is nothing to ask over.
 */
class SimulatedHlcCertificatesTest {
  private static final ContractCertificateRequest REQUEST =
      new ContractCertificateRequest("urn:iso:15118:2:2013:MsgDef", true, "gJgCAAEAAQA=");

  private final VirtualScheduler clock =
      new VirtualScheduler(Instant.parse("2026-12-07T17:00:00Z"));
  private final List<ContractCertificateRequest> asked = new ArrayList<>();

  /** The station's side: answers every request with a fixed EXI response. */
  private final CertificateBackend backend =
      new CertificateBackend() {
        @Override
        public CompletableFuture<ContractCertificateAnswer> contractCertificate(
            ContractCertificateRequest request) {
          asked.add(request);
          return CompletableFuture.completedFuture(
              new ContractCertificateAnswer(true, "gJgCAAIAAgA="));
        }

        @Override
        public CompletableFuture<OcspStatus> certificateStatus(OcspQuery query) {
          return CompletableFuture.completedFuture(new OcspStatus(false, null));
        }
      };

  private SimulatedHardware hardware() {
    SimulatedHardware hw = new SimulatedHardware(clock.clock(), 1, 32);
    hw.attach(clock, null, (evse, code) -> {}, (evse, n) -> {});
    hw.hlcCertificates(backend);
    return hw;
  }

  @Test
  void anHlcEvsInstallationRequestReachesTheStationAndItsAnswerTheEv() {
    SimulatedHardware hw = hardware();
    hw.connectEv(1, EvModel.of(60_000, 32, 3), 40, true);

    CompletableFuture<ContractCertificateAnswer> answer = hw.requestContractCertificate(1, REQUEST);

    assertThat(asked).containsExactly(REQUEST);
    assertThat(answer).isCompletedWithValue(new ContractCertificateAnswer(true, "gJgCAAIAAgA="));
  }

  @Test
  void withoutAnIsoSessionTheRequestFailsAtOnce() {
    SimulatedHardware hw = hardware();
    hw.connectEv(1, EvModel.of(60_000, 32, 3), 40, false);

    assertThat(hw.requestContractCertificate(1, REQUEST)).isCompletedExceptionally();
    assertThat(asked).isEmpty();
  }
}
