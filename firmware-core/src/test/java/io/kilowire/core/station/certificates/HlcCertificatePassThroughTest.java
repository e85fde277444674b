package io.kilowire.core.station.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.hal.Iso15118Link;
import io.kilowire.core.hal.Iso15118Link.ContractCertificateAnswer;
import io.kilowire.core.hal.Iso15118Link.ContractCertificateRequest;
import io.kilowire.core.hal.Iso15118Link.OcspQuery;
import io.kilowire.core.hal.Iso15118Link.OcspStatus;
import io.kilowire.core.hal.iso15118.HlcCoordinator;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.v201.CertificateAction;
import io.kilowire.core.ocpp.v201.Get15118EVCertificateRequest;
import io.kilowire.core.testing.StationScenario;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The ISO 15118 stack asks the station for an EV's contract certificate (M01/M02) through its link:
 * the request reaches the CSMS unchanged and the CSMS's EXI response comes back to the link; when
 * the CSMS cannot be asked the link learns it at once, so it can answer the EV with FAILED.
 */
class HlcCertificatePassThroughTest {
  private static final String SCHEMA = "urn:iso:15118:2:2013:MsgDef";
  private static final String EXI_REQUEST = "gJgCAAEAAQA=";

  /** The stack's end of the link: it only asks. */
  private static final class AskingLink implements Iso15118Link {
    @Nullable Listener listener;

    @Override
    public void setListener(Listener listener) {
      this.listener = listener;
    }

    @Override
    public void offerLimits(int evse, HlcLimits limits) {}

    Listener station() {
      assertThat(listener).as("the station listens to the link").isNotNull();
      return java.util.Objects.requireNonNull(listener);
    }
  }

  private static AskingLink wired(StationScenario sc) {
    AskingLink link = new AskingLink();
    new HlcCoordinator(
            link,
            sc.clock,
            HlcCoordinator.Config.defaults(),
            evse -> {
              throw new AssertionError("no pilot involved");
            },
            (evse, needs) -> {})
        .certificates(new HlcCertificateBackend(sc.station().certificates()))
        .attach();
    return link;
  }

  @Test
  void anEvsInstallationRequestReachesTheCsmsAndItsExiResponseTheLink() {
    StationScenario sc = new StationScenario(OcppVersion.V201);
    sc.csms.ev15118Answer("gJgCAAIAAgA=");
    sc.startOnline();
    AskingLink link = wired(sc);

    CompletableFuture<ContractCertificateAnswer> answer =
        link.station()
            .contractCertificate(1, new ContractCertificateRequest(SCHEMA, true, EXI_REQUEST));
    sc.settle();

    assertThat(sc.csms.calls("Get15118EVCertificate")).hasSize(1);
    Get15118EVCertificateRequest asked =
        (Get15118EVCertificateRequest) sc.csms.calls("Get15118EVCertificate").get(0).request();
    assertThat(asked.exiRequest()).isEqualTo(EXI_REQUEST);
    assertThat(asked.iso15118SchemaVersion()).isEqualTo(SCHEMA);
    assertThat(asked.action()).isEqualTo(CertificateAction.INSTALL);
    assertThat(answer).isCompletedWithValue(new ContractCertificateAnswer(true, "gJgCAAIAAgA="));
  }

  @Test
  void offlineTheLinkGetsAFailureAtOnce() {
    StationScenario sc = new StationScenario(OcppVersion.V201);
    sc.startOnline();
    AskingLink link = wired(sc);
    sc.drop();

    CompletableFuture<ContractCertificateAnswer> answer =
        link.station()
            .contractCertificate(1, new ContractCertificateRequest(SCHEMA, false, EXI_REQUEST));
    CompletableFuture<OcspStatus> status =
        link.station()
            .certificateStatus(1, new OcspQuery("SHA256", "aa11", "bb22", "0c", "http://ocsp/"));

    assertThat(answer).isCompletedExceptionally();
    assertThat(status).isCompletedExceptionally();
    sc.settle();
    assertThat(sc.csms.calls("Get15118EVCertificate")).isEmpty();
  }

  @Test
  void onOcpp16WithoutThePassThroughTheLinkGetsAFailureAtOnce() {
    StationScenario sc = new StationScenario(OcppVersion.V16);
    sc.startOnline();
    AskingLink link = wired(sc);

    CompletableFuture<ContractCertificateAnswer> answer =
        link.station()
            .contractCertificate(1, new ContractCertificateRequest(SCHEMA, true, EXI_REQUEST));

    assertThat(answer).isCompletedExceptionally();
  }

  @Test
  void withContractCertificateInstallationDisabledTheLinkGetsAFailureAndTheCsmsNothing() {
    io.kilowire.core.configuration.DeviceModel model =
        io.kilowire.core.configuration.DeviceModel.builder(
                io.kilowire.core.configuration.Layouts.WALLBOX)
            .build();
    StationScenario sc =
        new StationScenario(
            OcppVersion.V201,
            1,
            new io.kilowire.core.station.SettingsParameters(
                io.kilowire.core.configuration.StationSettings.of(model), false));
    sc.csms.ev15118Answer("gJgCAAIAAgA=");
    sc.startOnline();
    AskingLink link = wired(sc);

    CompletableFuture<ContractCertificateAnswer> refused = asked(sc, link, model, false);
    assertThat(refused).isCompletedExceptionally();
    assertThat(sc.csms.calls("Get15118EVCertificate")).isEmpty();

    // Switched on again, the next request goes through: the switch is read at each request.
    CompletableFuture<ContractCertificateAnswer> passed = asked(sc, link, model, true);
    assertThat(passed).isCompletedWithValue(new ContractCertificateAnswer(true, "gJgCAAIAAgA="));
    assertThat(sc.csms.calls("Get15118EVCertificate")).hasSize(1);
  }

  /** The EV's installation request, with ContractCertificateInstallationEnabled {@code enabled}. */
  private static CompletableFuture<ContractCertificateAnswer> asked(
      StationScenario sc,
      AskingLink link,
      io.kilowire.core.configuration.DeviceModel model,
      boolean enabled) {
    model.set(
        io.kilowire.core.configuration.V201Variables.Iso15118Ctrlr
            .CONTRACT_CERTIFICATE_INSTALLATION_ENABLED,
        enabled);
    CompletableFuture<ContractCertificateAnswer> answer =
        link.station()
            .contractCertificate(1, new ContractCertificateRequest(SCHEMA, true, EXI_REQUEST));
    sc.settle();
    return answer;
  }
}
