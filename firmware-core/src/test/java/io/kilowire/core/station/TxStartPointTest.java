package io.kilowire.core.station;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.json.JsonFrameCodec;
import io.kilowire.core.ocpp.rpc.RpcSession;
import io.kilowire.core.ocpp.v201.AuthorizationStatus;
import io.kilowire.core.ocpp.v201.AuthorizeRequest;
import io.kilowire.core.ocpp.v201.AuthorizeResponse;
import io.kilowire.core.ocpp.v201.BootNotificationRequest;
import io.kilowire.core.ocpp.v201.BootNotificationResponse;
import io.kilowire.core.ocpp.v201.IdTokenInfo;
import io.kilowire.core.ocpp.v201.NotifyEventRequest;
import io.kilowire.core.ocpp.v201.NotifyEventResponse;
import io.kilowire.core.ocpp.v201.RegistrationStatus;
import io.kilowire.core.ocpp.v201.StatusNotificationRequest;
import io.kilowire.core.ocpp.v201.StatusNotificationResponse;
import io.kilowire.core.ocpp.v201.TransactionEventRequest;
import io.kilowire.core.ocpp.v201.TransactionEventResponse;
import io.kilowire.core.ocpp.v201.adapter.V201Gateway;
import io.kilowire.core.ocpp.v201.adapter.V201StationHandlers;
import io.kilowire.core.scheduling.VirtualScheduler;
import io.kilowire.core.store.MemoryRecordLog;
import io.kilowire.core.store.MemorySnapshotStore;
import io.kilowire.core.testing.FakeHardware;
import io.kilowire.core.testing.VirtualLink;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OCPP 2.0.1 TxStartPoint: where a transaction begins decides what its first events carry. */
class TxStartPointTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final VirtualScheduler clock =
      new VirtualScheduler(Instant.parse("2026-03-01T10:00:00Z"));
  private final VirtualLink link =
      new VirtualLink(clock, OcppVersion.V201, Duration.ofMillis(10))
          .csmsHandlers(TxStartPointTest::csms);
  private final FakeHardware hardware = new FakeHardware(clock);

  private static void csms(RpcSession s) {
    s.handle(
        BootNotificationRequest.class,
        r ->
            new BootNotificationResponse(
                null, Instant.EPOCH, 300, RegistrationStatus.ACCEPTED, null));
    s.handle(StatusNotificationRequest.class, r -> new StatusNotificationResponse(null));
    s.handle(NotifyEventRequest.class, r -> new NotifyEventResponse(null));
    s.handle(
        AuthorizeRequest.class,
        r -> new AuthorizeResponse(null, IdTokenInfo.of(AuthorizationStatus.ACCEPTED), null));
    s.handle(
        TransactionEventRequest.class,
        r -> new TransactionEventResponse(null, null, null, null, null));
  }

  /** The default parameters with the given start points. */
  private record StartPoints(
      boolean onConnection, boolean onAuthorization, Duration evConnectionTimeout)
      implements StationParameters {
    private static final StationParameters.Fixed BASE = StationParameters.Fixed.defaults();

    StartPoints(boolean onConnection, boolean onAuthorization) {
      this(onConnection, onAuthorization, Duration.ofMinutes(10));
    }

    @Override
    public boolean transactionStartsOnConnection() {
      return onConnection;
    }

    @Override
    public boolean transactionStartsOnAuthorization() {
      return onAuthorization;
    }

    @Override
    public Duration heartbeatInterval() {
      return BASE.heartbeatInterval();
    }

    @Override
    public Duration meterSampleInterval() {
      return BASE.meterSampleInterval();
    }

    @Override
    public Duration clockAlignedInterval() {
      return BASE.clockAlignedInterval();
    }

    @Override
    public int transactionMessageAttempts() {
      return BASE.transactionMessageAttempts();
    }

    @Override
    public Duration transactionMessageRetryInterval() {
      return BASE.transactionMessageRetryInterval();
    }

    @Override
    public boolean stopTransactionOnEvSideDisconnect() {
      return true;
    }

    @Override
    public boolean stopTransactionOnInvalidId() {
      return true;
    }

    @Override
    public boolean authorizeRemoteStart() {
      return true;
    }

    @Override
    public boolean allowOfflineTxForUnknownId() {
      return false;
    }

    @Override
    public boolean resumeTransactionsAfterPowerLoss() {
      return false;
    }
  }

  private Station station(StationParameters parameters) {
    SessionHolder holder = new SessionHolder();
    Station station =
        new Station(
            1,
            parameters,
            hardware,
            clock,
            new MemorySnapshotStore(),
            new MemoryRecordLog(),
            new V201Gateway(
                holder, new JsonFrameCodec(), new StationIdentity("K", "M", null, null)),
            () -> "tx-1",
            new Station.Observer() {});
    station.start();
    RpcSession session = link.connect();
    V201StationHandlers.register(session, station);
    holder.attach(session);
    station.connected();
    clock.advance(Duration.ofSeconds(1));
    return station;
  }

  private List<JsonNode> transactionEvents() {
    return link.frames().stream()
        .filter(f -> f.fromStation() && f.frame().contains("\"TransactionEvent\""))
        .map(f -> read(f.frame()).get(3))
        .toList();
  }

  private static JsonNode read(String frame) {
    try {
      return JSON.readTree(frame);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void startingOnConnectionBeginsAtPlugInWithoutTokenAndAddsTheTokenWhenAuthorized() {
    Station station = station(new StartPoints(true, false));

    station.plugIn(1);
    clock.advance(Duration.ofSeconds(1));
    station.presentToken(1, "TAG-7", "ISO14443");
    clock.advance(Duration.ofSeconds(1));

    List<JsonNode> events = transactionEvents();
    assertThat(events).hasSize(2);
    assertThat(events.get(0).path("eventType").asText()).isEqualTo("Started");
    assertThat(events.get(0).path("triggerReason").asText()).isEqualTo("CablePluggedIn");
    assertThat(events.get(0).has("idToken")).isFalse();
    assertThat(events.get(1).path("eventType").asText()).isEqualTo("Updated");
    assertThat(events.get(1).path("triggerReason").asText()).isEqualTo("Authorized");
    assertThat(events.get(1).path("idToken").path("idToken").asText()).isEqualTo("TAG-7");
    assertThat(events.get(1).path("seqNo").asInt()).isEqualTo(1);
  }

  @Test
  void startingOnAuthorizationBeginsWithTheTokenAndReportsTheCableWhenItArrives() {
    Station station = station(new StartPoints(false, true));

    station.presentToken(1, "TAG-8", "ISO14443");
    clock.advance(Duration.ofSeconds(1));
    assertThat(station.transaction(1)).isPresent();
    station.plugIn(1);
    clock.advance(Duration.ofSeconds(1));

    List<JsonNode> events = transactionEvents();
    assertThat(events)
        .extracting(e -> e.path("triggerReason").asText())
        .containsExactly("Authorized", "CablePluggedIn");
    assertThat(events.get(0).path("idToken").path("idToken").asText()).isEqualTo("TAG-8");
  }

  @Test
  void byDefaultTheTransactionWaitsForBothTokenAndCable() {
    Station station = station(StationParameters.Fixed.defaults());

    station.plugIn(1);
    clock.advance(Duration.ofSeconds(1));
    assertThat(transactionEvents()).isEmpty();
    station.presentToken(1, "TAG-9", "ISO14443");
    clock.advance(Duration.ofSeconds(1));

    assertThat(transactionEvents())
        .singleElement()
        .satisfies(e -> assertThat(e.path("triggerReason").asText()).isEqualTo("Authorized"));
  }

  @Test
  void anAuthorizationWaitingForTheCableLapsesAfterEvConnectionTimeOut() {
    Station station = station(new StartPoints(false, false, Duration.ofSeconds(30)));

    station.presentToken(1, "TAG-10", "ISO14443");
    clock.advance(Duration.ofSeconds(31));
    station.plugIn(1);
    clock.advance(Duration.ofSeconds(1));

    assertThat(station.transaction(1)).isEmpty();
    assertThat(transactionEvents()).isEmpty();
  }

  @Test
  void theCableInTimeStartsTheTransactionAndNoLapseFollows() {
    Station station = station(new StartPoints(false, false, Duration.ofSeconds(30)));

    station.presentToken(1, "TAG-11", "ISO14443");
    clock.advance(Duration.ofSeconds(20));
    station.plugIn(1);
    clock.advance(Duration.ofMinutes(2));

    assertThat(station.transaction(1)).isPresent();
    assertThat(transactionEvents())
        .extracting(e -> e.path("eventType").asText())
        .startsWith("Started")
        .doesNotContain("Ended");
  }

  @Test
  void aTransactionStartedOnAuthorizationEndsWithEvConnectTimeoutWhenNoCableCame() {
    Station station = station(new StartPoints(false, true, Duration.ofSeconds(30)));

    station.presentToken(1, "TAG-12", "ISO14443");
    clock.advance(Duration.ofSeconds(29));
    assertThat(station.transaction(1)).isPresent();
    clock.advance(Duration.ofSeconds(2));

    assertThat(station.transaction(1)).isEmpty();
    List<JsonNode> events = transactionEvents();
    assertThat(events)
        .extracting(e -> e.path("eventType").asText())
        .containsExactly("Started", "Ended");
    assertThat(events.get(1).path("triggerReason").asText()).isEqualTo("EVConnectTimeout");
    assertThat(events.get(1).at("/transactionInfo/stoppedReason").asText()).isEqualTo("Timeout");
  }

  @Test
  void aTransactionStartedOnAuthorizationWhoseCableCameInTimeGoesOn() {
    Station station = station(new StartPoints(false, true, Duration.ofSeconds(30)));

    station.presentToken(1, "TAG-13", "ISO14443");
    clock.advance(Duration.ofSeconds(10));
    station.plugIn(1);
    clock.advance(Duration.ofMinutes(2));

    assertThat(station.transaction(1)).isPresent();
    assertThat(transactionEvents())
        .extracting(e -> e.path("triggerReason").asText())
        .startsWith("Authorized", "CablePluggedIn")
        .doesNotContain("EVConnectTimeout");
  }
}
