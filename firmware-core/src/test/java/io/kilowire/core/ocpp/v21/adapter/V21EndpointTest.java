package io.kilowire.core.ocpp.v21.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.json.JsonFrameCodec;
import io.kilowire.core.ocpp.model.Role;
import io.kilowire.core.ocpp.rpc.CallFailedException;
import io.kilowire.core.ocpp.rpc.RpcSession;
import io.kilowire.core.ocpp.v201.AuthorizationStatus;
import io.kilowire.core.ocpp.v201.AuthorizeRequest;
import io.kilowire.core.ocpp.v201.AuthorizeResponse;
import io.kilowire.core.ocpp.v201.ChargingProfileStatus;
import io.kilowire.core.ocpp.v201.IdToken;
import io.kilowire.core.ocpp.v201.IdTokenType;
import io.kilowire.core.ocpp.v201.NotifyEVChargingNeedsRequest;
import io.kilowire.core.ocpp.v201.NotifyEVChargingNeedsResponse;
import io.kilowire.core.ocpp.v201.ResetRequest;
import io.kilowire.core.ocpp.v201.ResetResponse;
import io.kilowire.core.ocpp.v201.ResetStatus;
import io.kilowire.core.ocpp.v201.SetChargingProfileRequest;
import io.kilowire.core.ocpp.v201.SetChargingProfileResponse;
import io.kilowire.core.scheduling.VirtualScheduler;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("2.1 through the 2.0.1 adapter (V21Endpoint)")
class V21EndpointTest {
  private final List<String> sent = new ArrayList<>();
  private final List<SetChargingProfileRequest> profiles = new ArrayList<>();
  private final RpcSession session =
      new RpcSession(
          RpcSession.Config.of("CP21", OcppVersion.V21, Role.STATION)
              .withCallTimeout(Duration.ofSeconds(30))
              .withMessageIds(() -> "m" + sent.size()),
          new JsonFrameCodec(),
          sent::add,
          new VirtualScheduler(Instant.parse("2026-01-01T00:00:00Z")));
  private final V21Endpoint endpoint = V21Endpoint.forStation(session);

  V21EndpointTest() {
    session.connected();
    endpoint.handle(
        SetChargingProfileRequest.class,
        r -> {
          profiles.add(r);
          return SetChargingProfileResponse.of(ChargingProfileStatus.ACCEPTED);
        });
    endpoint.handle(ResetRequest.class, r -> ResetResponse.of(ResetStatus.ACCEPTED));
  }

  private static String profile(String period) {
    return "[2,\"c1\",\"SetChargingProfile\",{\"evseId\":1,\"chargingProfile\":{\"id\":7,"
        + "\"stackLevel\":0,\"chargingProfilePurpose\":\"TxDefaultProfile\","
        + "\"chargingProfileKind\":\"Relative\",\"chargingSchedule\":[{\"id\":1,"
        + "\"chargingRateUnit\":\"W\",\"chargingSchedulePeriod\":["
        + period
        + "]}]}}]";
  }

  @Test
  @DisplayName("several amendments of one type all apply, in the order they were registered")
  void amendmentsChainInRegistrationOrder() {
    endpoint.amend(
        io.kilowire.core.ocpp.v21.AuthorizeRequest.class,
        r ->
            io.kilowire.core.ocpp.v21.AuthorizeRequest.of(
                io.kilowire.core.ocpp.v21.IdToken.of(r.idToken().idToken() + "A", "ISO14443")));
    endpoint.amend(
        io.kilowire.core.ocpp.v21.AuthorizeRequest.class,
        r ->
            io.kilowire.core.ocpp.v21.AuthorizeRequest.of(
                io.kilowire.core.ocpp.v21.IdToken.of(r.idToken().idToken() + "B", "ISO14443")));

    endpoint.call(
        AuthorizeRequest.of(IdToken.of("04A1B2C3", IdTokenType.ISO14443)), AuthorizeResponse.class);

    assertThat(sent)
        .containsExactly(
            "[2,\"m0\",\"Authorize\",{\"idToken\":{\"idToken\":\"04A1B2C3AB\",\"type\":\"ISO14443\"}}]");
  }

  @Test
  @DisplayName("the station's CALL leaves as the 2.1 record: a 2.0.1 enum becomes 2.1's string")
  void theStationsCallLeavesIn21() throws Exception {
    CompletableFuture<AuthorizeResponse> answer =
        endpoint.call(
            AuthorizeRequest.of(IdToken.of("04A1B2C3", IdTokenType.ISO14443)),
            AuthorizeResponse.class);
    assertThat(sent)
        .containsExactly(
            "[2,\"m0\",\"Authorize\",{\"idToken\":{\"idToken\":\"04A1B2C3\",\"type\":\"ISO14443\"}}]");

    // A 2.1 answer with extras the station does not use yet: they are dropped, the rest arrives.
    session.onFrame(
        "[3,\"m0\",{\"idTokenInfo\":{\"status\":\"Accepted\"},"
            + "\"allowedEnergyTransfer\":[\"AC_three_phase\"]}]");
    assertThat(answer.get().idTokenInfo().status()).isEqualTo(AuthorizationStatus.ACCEPTED);
  }

  @Test
  @DisplayName("an answer no 2.0.1 record can hold fails the call as an invalid CALLRESULT")
  void anAnswerWithA21OnlyValueFailsTheCall() {
    CompletableFuture<NotifyEVChargingNeedsResponse> answer =
        endpoint.call(
            NotifyEVChargingNeedsRequest.of(
                io.kilowire.core.ocpp.v201.ChargingNeeds.of(
                    io.kilowire.core.ocpp.v201.EnergyTransferMode.AC_THREE_PHASE),
                1),
            NotifyEVChargingNeedsResponse.class);
    session.onFrame("[3,\"m0\",{\"status\":\"NoChargingProfile\"}]");
    assertThat(answer)
        .failsWithin(Duration.ZERO)
        .withThrowableOfType(ExecutionException.class)
        .havingCause()
        .isInstanceOf(CallFailedException.InvalidResult.class)
        .withMessageContaining("status")
        .withMessageContaining("NoChargingProfile");
  }

  @Test
  @DisplayName("a 2.1 profile in 2.0.1's terms reaches the 2.0.1 handler, ChargingOnly and all")
  void aProfileIn201TermsReachesTheHandler() {
    session.onFrame(
        profile("{\"startPeriod\":0,\"limit\":11000,\"operationMode\":\"ChargingOnly\"}"));
    assertThat(sent).containsExactly("[3,\"c1\",{\"status\":\"Accepted\"}]");
    assertThat(profiles).hasSize(1);
    assertThat(
            profiles
                .get(0)
                .chargingProfile()
                .chargingSchedule()
                .get(0)
                .chargingSchedulePeriod()
                .get(0)
                .limit())
        .isEqualByComparingTo(new BigDecimal("11000"));
  }

  @Test
  @DisplayName("a 2.1 instruction the station cannot honour yet is refused, naming the field")
  void aDischargeLimitIsRefusedByName() {
    session.onFrame(profile("{\"startPeriod\":0,\"limit\":11000,\"dischargeLimit\":-5000}"));
    session.onFrame("[2,\"c2\",\"Reset\",{\"type\":\"ImmediateAndResume\"}]");

    assertThat(profiles).isEmpty();
    assertThat(sent).hasSize(2);
    assertThat(sent.get(0))
        .startsWith("[4,\"c1\",\"NotSupported\",")
        .contains("chargingProfile.chargingSchedule[0].chargingSchedulePeriod[0].dischargeLimit");
    assertThat(sent.get(1))
        .startsWith("[4,\"c2\",\"NotSupported\",")
        .contains("type: value ImmediateAndResume has no counterpart in OCPP 2.0.1");
  }
}
