package io.kilowire.core.ocpp.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.json.JsonFrameCodec;
import io.kilowire.core.ocpp.model.Role;
import io.kilowire.core.ocpp.v16.AvailabilityStatus;
import io.kilowire.core.ocpp.v16.AvailabilityType;
import io.kilowire.core.ocpp.v16.BootNotificationRequest;
import io.kilowire.core.ocpp.v16.BootNotificationResponse;
import io.kilowire.core.ocpp.v16.ChangeAvailabilityRequest;
import io.kilowire.core.ocpp.v16.ChangeAvailabilityResponse;
import io.kilowire.core.ocpp.v16.HeartbeatRequest;
import io.kilowire.core.ocpp.v16.HeartbeatResponse;
import io.kilowire.core.ocpp.v16.RegistrationStatus;
import io.kilowire.core.scheduling.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RpcSessionTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final VirtualScheduler scheduler = new VirtualScheduler(T0);
  private final List<String> sent = new ArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();

  private RpcSession session(OcppVersion version, Role role) {
    RpcSession s =
        new RpcSession(
            RpcSession.Config.of("CP1", version, role)
                .withCallTimeout(Duration.ofSeconds(30))
                .withMessageIds(() -> "m" + ids.incrementAndGet()),
            new JsonFrameCodec(),
            sent::add,
            scheduler);
    s.connected();
    return s;
  }

  private RpcSession station16() {
    return session(OcppVersion.V16, Role.STATION);
  }

  private static Throwable cause(CompletableFuture<?> f) {
    try {
      f.get();
      throw new AssertionError("future completed normally");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Nested
  class OutgoingCalls {
    @Test
    void aCallIsWrittenAsACallFrameAndItsResultCompletesTheFuture() throws Exception {
      RpcSession s = station16();
      CompletableFuture<BootNotificationResponse> f =
          s.call(BootNotificationRequest.of("Kilowire", "KW-1"), BootNotificationResponse.class);

      assertThat(sent)
          .containsExactly(
              "[2,\"m1\",\"BootNotification\",{\"chargePointVendor\":\"Kilowire\",\"chargePointModel\":\"KW-1\"}]");
      s.onFrame(
          "[3,\"m1\",{\"status\":\"Accepted\",\"currentTime\":\"2026-01-01T00:00:00Z\",\"interval\":300}]");

      assertThat(f.get().status()).isEqualTo(RegistrationStatus.ACCEPTED);
      assertThat(f.get().interval()).isEqualTo(300);
    }

    @Test
    void onlyOneCallIsOutstandingAndTheNextLeavesWhenTheFirstIsAnswered() throws Exception {
      RpcSession s = station16();
      CompletableFuture<HeartbeatResponse> first =
          s.call(new HeartbeatRequest(), HeartbeatResponse.class);
      CompletableFuture<HeartbeatResponse> second =
          s.call(new HeartbeatRequest(), HeartbeatResponse.class);

      assertThat(sent).hasSize(1);
      assertThat(s.queued()).isEqualTo(1);

      s.onFrame("[3,\"m1\",{\"currentTime\":\"2026-01-01T00:00:01Z\"}]");
      assertThat(first).isCompleted();
      assertThat(sent).hasSize(2).last().asString().startsWith("[2,\"m2\",\"Heartbeat\"");

      s.onFrame("[3,\"m2\",{\"currentTime\":\"2026-01-01T00:00:02Z\"}]");
      assertThat(second.get().currentTime()).isEqualTo(Instant.parse("2026-01-01T00:00:02Z"));
    }

    @Test
    void aCallWithoutReplyTimesOutAfterTheMessageTimeoutAndReleasesTheQueue() {
      RpcSession s = station16();
      CompletableFuture<HeartbeatResponse> first =
          s.call(new HeartbeatRequest(), HeartbeatResponse.class);
      s.call(new HeartbeatRequest(), HeartbeatResponse.class);

      scheduler.advance(Duration.ofSeconds(29));
      assertThat(first).isNotDone();
      scheduler.advance(Duration.ofSeconds(1));

      assertThat(cause(first)).isInstanceOf(CallFailedException.Timeout.class);
      assertThat(sent).hasSize(2);
    }

    @Test
    void aLateReplyAfterTheTimeoutIsDroppedWithoutTouchingTheNextCall() {
      RpcSession s = station16();
      s.call(new HeartbeatRequest(), HeartbeatResponse.class);
      CompletableFuture<HeartbeatResponse> second =
          s.call(new HeartbeatRequest(), HeartbeatResponse.class);
      scheduler.advance(Duration.ofSeconds(30));

      s.onFrame("[3,\"m1\",{\"currentTime\":\"2026-01-01T00:00:01Z\"}]");

      assertThat(second).isNotDone();
      assertThat(sent).hasSize(2);
    }

    @Test
    void aReplyWithAnUnknownIdIsDropped() {
      RpcSession s = station16();
      CompletableFuture<HeartbeatResponse> f =
          s.call(new HeartbeatRequest(), HeartbeatResponse.class);

      s.onFrame("[3,\"nobody\",{\"currentTime\":\"2026-01-01T00:00:01Z\"}]");

      assertThat(f).isNotDone();
      assertThat(sent).hasSize(1);
    }

    @Test
    void aCallErrorFailsTheCallWithThePeersCodeAndDescription() {
      RpcSession s = station16();
      CompletableFuture<HeartbeatResponse> f =
          s.call(new HeartbeatRequest(), HeartbeatResponse.class);

      s.onFrame("[4,\"m1\",\"SecurityError\",\"not accepted yet\",{}]");

      Throwable c = cause(f);
      assertThat(c).isInstanceOf(CallFailedException.CallErrorReceived.class);
      assertThat(((CallFailedException.CallErrorReceived) c).errorCode())
          .isEqualTo("SecurityError");
      assertThat(((CallFailedException.CallErrorReceived) c).description())
          .isEqualTo("not accepted yet");
    }

    @Test
    void anInvalidCallResultFailsTheCallNamingTheFieldAndIsNeverAnswered() {
      RpcSession s = station16();
      CompletableFuture<BootNotificationResponse> f =
          s.call(BootNotificationRequest.of("Kilowire", "KW-1"), BootNotificationResponse.class);

      s.onFrame(
          "[3,\"m1\",{\"status\":\"Maybe\",\"currentTime\":\"2026-01-01T00:00:00Z\",\"interval\":300}]");

      Throwable c = cause(f);
      assertThat(c).isInstanceOf(CallFailedException.InvalidResult.class);
      assertThat(((CallFailedException.InvalidResult) c).field()).isEqualTo("status");
      assertThat(sent).hasSize(1);
    }

    @Test
    void aBrokenReplyFrameSettlesItsCall() {
      RpcSession s = station16();
      CompletableFuture<HeartbeatResponse> f =
          s.call(new HeartbeatRequest(), HeartbeatResponse.class);

      s.onFrame("[3,\"m1\",{\"currentTime\":");

      assertThat(cause(f)).isInstanceOf(CallFailedException.InvalidResult.class);
      assertThat(sent).hasSize(1);
    }

    @Test
    void losingTheConnectionFailsTheCallInFlightAndTheQueuedOnes() {
      RpcSession s = station16();
      CompletableFuture<HeartbeatResponse> first =
          s.call(new HeartbeatRequest(), HeartbeatResponse.class);
      CompletableFuture<HeartbeatResponse> second =
          s.call(new HeartbeatRequest(), HeartbeatResponse.class);

      s.disconnected();

      assertThat(cause(first)).isInstanceOf(CallFailedException.NotConnected.class);
      assertThat(cause(second)).isInstanceOf(CallFailedException.NotConnected.class);
    }

    @Test
    void aCallWhileDisconnectedFailsAtOnceAndSendsNothing() {
      RpcSession s = station16();
      s.disconnected();

      CompletableFuture<HeartbeatResponse> f =
          s.call(new HeartbeatRequest(), HeartbeatResponse.class);

      assertThat(cause(f)).isInstanceOf(CallFailedException.NotConnected.class);
      assertThat(sent).isEmpty();
    }

    @Test
    void aStationRefusesToSendAnActionOnlyTheCsmsInitiates() {
      RpcSession s = station16();
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () ->
                  s.call(
                      new ChangeAvailabilityRequest(1, AvailabilityType.INOPERATIVE),
                      ChangeAvailabilityResponse.class))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("ChangeAvailability");
    }
  }

  @Nested
  class IncomingCalls {
    @Test
    void aHandledCallIsAnsweredWithACallResultCarryingTheSameId() {
      RpcSession s = station16();
      s.handle(
          ChangeAvailabilityRequest.class,
          req -> new ChangeAvailabilityResponse(AvailabilityStatus.SCHEDULED));

      s.onFrame("[2,\"c-7\",\"ChangeAvailability\",{\"connectorId\":1,\"type\":\"Inoperative\"}]");

      assertThat(sent).containsExactly("[3,\"c-7\",{\"status\":\"Scheduled\"}]");
    }

    @Test
    void aRepeatedCallIdAfterTheAnswerGetsTheSameAnswerWithoutActingTwice() {
      RpcSession s = station16();
      AtomicInteger handled = new AtomicInteger();
      s.handle(
          ChangeAvailabilityRequest.class,
          req -> {
            handled.incrementAndGet();
            return new ChangeAvailabilityResponse(AvailabilityStatus.ACCEPTED);
          });
      String call = "[2,\"c-1\",\"ChangeAvailability\",{\"connectorId\":1,\"type\":\"Operative\"}]";

      s.onFrame(call);
      s.onFrame(call);

      assertThat(handled).hasValue(1);
      assertThat(sent).hasSize(2).allMatch(f -> f.equals(sent.get(0)));
    }

    @Test
    void anUnknownActionIsAnsweredNotImplemented() {
      RpcSession s = station16();
      s.onFrame("[2,\"x\",\"MakeCoffee\",{}]");
      assertThat(sent).singleElement().asString().startsWith("[4,\"x\",\"NotImplemented\"");
    }

    @Test
    void aKnownActionWithoutHandlerIsAnsweredNotSupported() {
      RpcSession s = station16();
      s.onFrame("[2,\"x\",\"Reset\",{\"type\":\"Soft\"}]");
      assertThat(sent).singleElement().asString().startsWith("[4,\"x\",\"NotSupported\"");
    }

    @Test
    void anActionSentTheWrongWayIsAnsweredNotSupported() {
      RpcSession s = station16();
      s.onFrame(
          "[2,\"x\",\"BootNotification\",{\"chargePointVendor\":\"a\",\"chargePointModel\":\"b\"}]");
      assertThat(sent).singleElement().asString().startsWith("[4,\"x\",\"NotSupported\"");
    }

    @Test
    void aHandlerFailureIsAnsweredInternalErrorAndTheSessionGoesOn() {
      RpcSession s = station16();
      s.handle(
          ChangeAvailabilityRequest.class,
          req -> {
            throw new IllegalStateException("boom");
          });

      s.onFrame("[2,\"a\",\"ChangeAvailability\",{\"connectorId\":1,\"type\":\"Operative\"}]");
      s.onFrame("[2,\"b\",\"MakeCoffee\",{}]");

      assertThat(sent.get(0)).startsWith("[4,\"a\",\"InternalError\"");
      assertThat(sent.get(1)).startsWith("[4,\"b\",\"NotImplemented\"");
    }

    @Test
    void aHandlerMayAnswerWithASpecificCallError() {
      RpcSession s = station16();
      s.handle(
          ChangeAvailabilityRequest.class,
          req -> {
            throw new OcppCallException(ErrorCode.PROPERTY_CONSTRAINT_VIOLATION, "no connector 9");
          });

      s.onFrame("[2,\"a\",\"ChangeAvailability\",{\"connectorId\":9,\"type\":\"Operative\"}]");

      assertThat(sent)
          .containsExactly("[4,\"a\",\"PropertyConstraintViolation\",\"no connector 9\",{}]");
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(
        delimiter = '|',
        value = {
          "V16 |{\"type\":\"Operative\"}|OccurenceConstraintViolation|connectorId",
          "V16 |{\"connectorId\":\"1\",\"type\":\"Operative\"}|TypeConstraintViolation|connectorId",
          "V16 |{\"connectorId\":1,\"type\":\"Sometimes\"}|PropertyConstraintViolation|type",
          "V16 |{\"connectorId\":1,\"type\":\"Operative\",\"x\":1}|FormationViolation|x",
        })
    void aSchemaViolationIsAnsweredWithItsCodeNamingTheField(
        OcppVersion version, String payload, String code, String field) {
      RpcSession s = session(version, Role.STATION);
      s.handle(
          ChangeAvailabilityRequest.class,
          req -> new ChangeAvailabilityResponse(AvailabilityStatus.ACCEPTED));

      s.onFrame("[2,\"v\",\"ChangeAvailability\"," + payload + "]");

      assertThat(sent)
          .singleElement()
          .asString()
          .startsWith("[4,\"v\",\"" + code + "\",\"" + field);
      assertThat(sent.get(0)).contains("\"field\":\"" + field + "\"");
    }
  }

  @Nested
  class BrokenFrames {
    @ParameterizedTest(name = "{0} answers {1} with {2}")
    @CsvSource(
        delimiter = '|',
        value = {
          // not JSON at all: 1.6 cannot correlate and drops, 2.0.1 answers with id -1
          "V16 |not json|",
          "V201|not json|[4,\"-1\",\"RpcFrameworkError\"",
          // message id unreadable
          "V16 |[2,17,\"Heartbeat\",{}]|",
          "V201|[2,17,\"Heartbeat\",{}]|[4,\"-1\",\"RpcFrameworkError\"",
          "V201|[2,\"0123456789012345678901234567890123456\",\"Heartbeat\",{}]|[4,\"-1\",\"RpcFrameworkError\"",
          // unknown message type: 1.6 ignores, 2.0.1 answers MessageTypeNotSupported
          "V16 |[7,\"a\",\"Heartbeat\",{}]|",
          "V201|[7,\"a\",\"Heartbeat\",{}]|[4,\"a\",\"MessageTypeNotSupported\"",
          // 2.1's SEND is unknown to 2.0.1
          "V201|[6,\"a\",\"NotifyPeriodicEventStream\",{}]|[4,\"a\",\"MessageTypeNotSupported\"",
          "V16 |[6,\"a\",\"NotifyPeriodicEventStream\",{}]|",
          // 2.0.1 knows only types 2, 3 and 4: any other frame, however malformed, gets
          // MessageTypeNotSupported, with its id when it can be read; 1.6 and 2.1 ignore it
          "V201|[5,\"a\",\"Heartbeat\",{}]|[4,\"a\",\"MessageTypeNotSupported\"",
          "V201|[5,\"a\",\"GenericError\",\"x\",{}]|[4,\"a\",\"MessageTypeNotSupported\"",
          "V201|[5,\"a\",{]|[4,\"a\",\"MessageTypeNotSupported\"",
          "V201|[6,\"a\",{}]|[4,\"a\",\"MessageTypeNotSupported\"",
          "V201|[6,\"a\",\"Heartbeat\",[]]|[4,\"a\",\"MessageTypeNotSupported\"",
          "V201|[7,\"a\"]|[4,\"a\",\"MessageTypeNotSupported\"",
          "V201|[7,17,\"Heartbeat\",{}]|[4,\"-1\",\"MessageTypeNotSupported\"",
          "V201|[7]|[4,\"-1\",\"MessageTypeNotSupported\"",
          "V201|[0,\"a\",\"Heartbeat\",{}]|[4,\"a\",\"MessageTypeNotSupported\"",
          "V201|[99999999999,\"a\",\"Heartbeat\",{}]|[4,\"a\",\"MessageTypeNotSupported\"",
          "V16 |[5,\"a\",\"Heartbeat\",{}]|",
          "V16 |[6,\"a\",{}]|",
          "V16 |[7,\"a\"]|",
          "V21 |[7,\"a\",\"Heartbeat\",{}]|",
          "V21 |[7,\"a\"]|",
          // wrong shape of a CALL
          "V16 |[2,\"a\",\"Reset\"]|[4,\"a\",\"ProtocolError\"",
          "V201|[2,\"a\",\"Reset\"]|[4,\"a\",\"RpcFrameworkError\"",
          // payload broken or not an object
          "V16 |[2,\"a\",\"Reset\",{\"type\":]|[4,\"a\",\"FormationViolation\"",
          "V201|[2,\"a\",\"Reset\",[]]|[4,\"a\",\"FormatViolation\"",
          // replies are never answered
          "V201|[3,17,{}]|",
          "V16 |[4,\"a\",\"x\"]|",
        })
    void eachBrokenFrameGetsTheErrorItsVersionPrescribesOrIsDropped(
        OcppVersion version, String frame, String expectedPrefix) {
      RpcSession s = session(version, Role.STATION);

      s.onFrame(frame);

      if (expectedPrefix == null) {
        assertThat(sent).isEmpty();
      } else {
        assertThat(sent).singleElement().asString().startsWith(expectedPrefix);
      }
    }

    @Test
    void anOversizedFrameIsRefusedBeforeParsingAndNamesTheLimit() {
      RpcSession s = session(OcppVersion.V201, Role.STATION);
      String big =
          "[2,\"big\",\"DataTransfer\",{\"vendorId\":\"v\",\"data\":\""
              + "x".repeat(2_000_000)
              + "\"}]";

      s.onFrame(big);

      assertThat(sent)
          .singleElement()
          .asString()
          .startsWith("[4,\"big\",\"FormatViolation\"")
          .contains("exceeds");
    }

    @Test
    void aDeeplyNestedFrameIsRefusedWithoutOverflowingTheStack() {
      RpcSession s = session(OcppVersion.V201, Role.STATION);
      String deep =
          "[2,\"deep\",\"DataTransfer\",{\"vendorId\":\"v\",\"data\":"
              + "[".repeat(100_000)
              + "]".repeat(100_000)
              + "}]";

      s.onFrame(deep);

      assertThat(sent).singleElement().asString().startsWith("[4,\"deep\",\"FormatViolation\"");
    }
  }
}
