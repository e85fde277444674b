package io.kilowire.core.runtime;

import static io.kilowire.core.runtime.RuntimeStations.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.configuration.Configuration;
import io.kilowire.core.configuration.DeviceModel;
import io.kilowire.core.configuration.V16Keys;
import io.kilowire.core.configuration.V201Variables;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.model.OcppMessage;
import io.kilowire.core.ocpp.rpc.CallFailedException;
import io.kilowire.core.testing.TestCsms;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a CSMS reads from the station's configuration (1.6 GetConfiguration, 2.0.1 GetVariables),
 * over a real WebSocket on 127.0.0.1, is the value in force: the heartbeat interval the boot
 * assigned, the transport's ping, back-off and security profile, the timeout of the station's own
 * calls, the profile limits SetChargingProfile applies, and the live state of the station. A value
 * the station cannot apply while it runs is refused, not accepted and ignored.
 */
class ValuesInForceIT {
  private static final AtomicInteger IDS = new AtomicInteger();
  private final RuntimeStations stations = new RuntimeStations();

  @AfterEach
  void closeEverything() {
    stations.close();
  }

  // ------------------------------------------------------------------------------ heartbeat

  @ParameterizedTest
  @EnumSource(names = {"V16", "V201"})
  void theHeartbeatIntervalReadsTheBootIntervalAndALaterWriteChangesTheHeartbeat(
      OcppVersion version) {
    TestCsms csms = stations.csms(version).bootInterval(7);
    String id = nextId();
    stations.station(csms, version, id);

    assertThat(read(csms, version, id, "OCPPCommCtrlr", "HeartbeatInterval", null)).isEqualTo("7");

    assertThat(write(csms, version, id, "OCPPCommCtrlr", "HeartbeatInterval", "1"))
        .isEqualTo("Accepted");
    assertThat(read(csms, version, id, "OCPPCommCtrlr", "HeartbeatInterval", null)).isEqualTo("1");
    await().atMost(Duration.ofSeconds(5)).until(() -> csms.calls(id, "Heartbeat").size() >= 2);
  }

  // ------------------------------------------------------------------------------ transport

  @ParameterizedTest
  @EnumSource(names = {"V16", "V201"})
  void theTransportsSettingsReadAsTheyAreAndAWriteTheStationCannotApplyIsRefused(
      OcppVersion version) {
    TestCsms csms = stations.csms(version);
    String id = nextId();
    stations.station(
        csms,
        version,
        id,
        t ->
            t.pingInterval(Duration.ofSeconds(25))
                .retryBackOff(Duration.ofSeconds(3), Duration.ofSeconds(2), 4),
        b -> b);

    assertThat(read(csms, version, id, "OCPPCommCtrlr", "WebSocketPingInterval", null))
        .isEqualTo("25");
    assertThat(read(csms, version, id, "SecurityCtrlr", "SecurityProfile", null)).isEqualTo("0");
    assertThat(read(csms, version, id, "OCPPCommCtrlr", "MessageTimeout", "Default"))
        .isEqualTo("30");
    assertThat(write(csms, version, id, "OCPPCommCtrlr", "WebSocketPingInterval", "10"))
        .isEqualTo("Rejected");
    if (version == OcppVersion.V16) {
      assertThat(write(csms, version, id, "SecurityCtrlr", "SecurityProfile", "1"))
          .isEqualTo("Rejected");
    } else {
      assertThat(read(csms, version, id, "OCPPCommCtrlr", "RetryBackOffWaitMinimum", null))
          .isEqualTo("3");
      assertThat(read(csms, version, id, "OCPPCommCtrlr", "RetryBackOffRandomRange", null))
          .isEqualTo("2");
      assertThat(read(csms, version, id, "OCPPCommCtrlr", "RetryBackOffRepeatTimes", null))
          .isEqualTo("4");
      assertThat(read(csms, version, id, "SecurityCtrlr", "Identity", null)).isEqualTo(id);
      assertThat(write(csms, version, id, "OCPPCommCtrlr", "RetryBackOffRepeatTimes", "1"))
          .isEqualTo("Rejected");
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"V16", "V201"})
  void messageTimeoutIsHowLongTheStationWaitsForAnAnswer(OcppVersion version) {
    CountDownLatch released = new CountDownLatch(1);
    TestCsms csms =
        stations
            .csms(version)
            .reply(
                "Heartbeat",
                p -> {
                  block(released);
                  return "{\"currentTime\":\"" + Instant.now() + "\"}";
                });
    String id = nextId();
    StationRuntime station =
        configured(
            csms,
            version,
            id,
            c -> c.initial(V16Keys.MESSAGE_TIMEOUT, 5),
            d -> d.initial(V201Variables.OcppCommCtrlr.MESSAGE_TIMEOUT, 5));
    try {
      assertThat(read(csms, version, id, "OCPPCommCtrlr", "MessageTimeout", "Default"))
          .isEqualTo("5");
      OcppMessage heartbeat =
          version == OcppVersion.V16
              ? new io.kilowire.core.ocpp.v16.HeartbeatRequest()
              : io.kilowire.core.ocpp.v201.HeartbeatRequest.of();
      Class<? extends OcppMessage> answer =
          version == OcppVersion.V16
              ? io.kilowire.core.ocpp.v16.HeartbeatResponse.class
              : io.kilowire.core.ocpp.v201.HeartbeatResponse.class;
      AtomicReference<CompletableFuture<? extends OcppMessage>> call = new AtomicReference<>();
      long sent = System.nanoTime();
      station.call(() -> call.set(station.client().call(heartbeat, answer)));

      // 5 s, not the 30 s the client would wait by itself.
      await().atMost(Duration.ofSeconds(20)).until(() -> call.get().isDone());
      assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThan(Duration.ofSeconds(4));
      assertThat(call.get())
          .failsWithin(Duration.ZERO)
          .withThrowableThat()
          .havingCause()
          .isInstanceOf(CallFailedException.Timeout.class);
    } finally {
      released.countDown();
    }
  }

  private static void block(CountDownLatch latch) {
    try {
      latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ------------------------------------------------------------------------------ smart charging

  @ParameterizedTest
  @EnumSource(names = {"V16", "V201"})
  void theAdvertisedStackLevelIsTheHighestSetChargingProfileAccepts(OcppVersion version) {
    TestCsms csms = stations.csms(version);
    String id = nextId();
    stations.station(csms, version, id);

    int max =
        Integer.parseInt(
            version == OcppVersion.V16
                ? read(csms, version, id, "", "ChargeProfileMaxStackLevel", null)
                : read(csms, version, id, "SmartChargingCtrlr", "ProfileStackLevel", null));

    assertThat(setProfile(csms, version, id, 1, max, 1)).isEqualTo("Accepted");
    assertThat(setProfile(csms, version, id, 2, max + 1, 1)).isEqualTo("Rejected");
  }

  @ParameterizedTest
  @EnumSource(names = {"V16", "V201"})
  void theStationMakersProfileLimitsAreTheOnesSetChargingProfileApplies(OcppVersion version) {
    TestCsms csms = stations.csms(version);
    String id = nextId();
    configured(
        csms,
        version,
        id,
        c ->
            c.initial(V16Keys.MAX_CHARGING_PROFILES_INSTALLED, 2)
                .initial(V16Keys.CHARGING_SCHEDULE_MAX_PERIODS, 2),
        d ->
            d.replace(V201Variables.SmartChargingCtrlr.entries(2))
                .initial(V201Variables.SmartChargingCtrlr.PERIODS_PER_SCHEDULE, 2));

    assertThat(setProfile(csms, version, id, 1, 0, 3)).as("three periods").isEqualTo("Rejected");
    assertThat(setProfile(csms, version, id, 1, 0, 2)).isEqualTo("Accepted");
    assertThat(setProfile(csms, version, id, 2, 1, 1)).isEqualTo("Accepted");
    assertThat(setProfile(csms, version, id, 3, 2, 1)).as("a third profile").isEqualTo("Rejected");
  }

  @ParameterizedTest
  @EnumSource(names = {"V16", "V201"})
  void aStationMakerWhoAllowsOnlyAmpsGetsOnlyAmps(OcppVersion version) {
    TestCsms csms = stations.csms(version);
    String id = nextId();
    configured(
        csms,
        version,
        id,
        c -> c.initial(V16Keys.CHARGING_SCHEDULE_ALLOWED_CHARGING_RATE_UNIT, List.of("Current")),
        d -> d.initial(V201Variables.SmartChargingCtrlr.RATE_UNIT, List.of("A")));

    assertThat(setProfile(csms, version, id, 1, 0, 1, "A")).isEqualTo("Accepted");
    assertThat(setProfile(csms, version, id, 2, 1, 1, "W")).isNotEqualTo("Accepted");
  }

  @ParameterizedTest
  @EnumSource(names = {"V16", "V201"})
  void aSendLocalListLongerThanTheAdvertisedLimitIsRefused(OcppVersion version) {
    TestCsms csms = stations.csms(version);
    String id = nextId();
    configured(
        csms,
        version,
        id,
        c -> c.initial(V16Keys.SEND_LOCAL_LIST_MAX_LENGTH, 1),
        d -> d.initial(V201Variables.LocalAuthListCtrlr.ITEMS_PER_MESSAGE, 1));

    String twoTokens =
        version == OcppVersion.V16
            ? "{\"listVersion\":1,\"updateType\":\"Full\",\"localAuthorizationList\":["
                + "{\"idTag\":\"A\",\"idTagInfo\":{\"status\":\"Accepted\"}},"
                + "{\"idTag\":\"B\",\"idTagInfo\":{\"status\":\"Accepted\"}}]}"
            : "{\"versionNumber\":1,\"updateType\":\"Full\",\"localAuthorizationList\":["
                + "{\"idToken\":{\"idToken\":\"A\",\"type\":\"ISO14443\"},"
                + "\"idTokenInfo\":{\"status\":\"Accepted\"}},"
                + "{\"idToken\":{\"idToken\":\"B\",\"type\":\"ISO14443\"},"
                + "\"idTokenInfo\":{\"status\":\"Accepted\"}}]}";
    assertThat(csms.call(id, "SendLocalList", twoTokens).at("/status").asText())
        .isNotEqualTo("Accepted");
  }

  private static String setProfile(
      TestCsms csms, OcppVersion version, String id, int profileId, int stackLevel, int periods) {
    return setProfile(csms, version, id, profileId, stackLevel, periods, "A");
  }

  /** A TxDefaultProfile on EVSE / connector 1; the status of the answer. */
  private static String setProfile(
      TestCsms csms,
      OcppVersion version,
      String id,
      int profileId,
      int stackLevel,
      int periods,
      String unit) {
    StringBuilder schedule = new StringBuilder();
    for (int i = 0; i < periods; i++) {
      schedule.append(i == 0 ? "" : ",").append("{\"startPeriod\":").append(i * 60);
      schedule.append(",\"limit\":16}");
    }
    String profile =
        "\"stackLevel\":"
            + stackLevel
            + ",\"chargingProfilePurpose\":\"TxDefaultProfile\",\"chargingProfileKind\":\"Relative\"";
    String json =
        version == OcppVersion.V16
            ? "{\"connectorId\":1,\"csChargingProfiles\":{\"chargingProfileId\":"
                + profileId
                + ","
                + profile
                + ",\"chargingSchedule\":{\"chargingRateUnit\":\""
                + unit
                + "\",\"chargingSchedulePeriod\":["
                + schedule
                + "]}}}"
            : "{\"evseId\":1,\"chargingProfile\":{\"id\":"
                + profileId
                + ","
                + profile
                + ",\"chargingSchedule\":[{\"id\":1,\"chargingRateUnit\":\""
                + unit
                + "\","
                + "\"chargingSchedulePeriod\":["
                + schedule
                + "]}]}}";
    return csms.call(id, "SetChargingProfile", json).at("/status").asText();
  }

  // ------------------------------------------------------------------------------ live state

  @Test
  void liveVariablesReadTheStationsStateNow() {
    OcppVersion v = OcppVersion.V201;
    TestCsms csms = stations.csms(v);
    String id = nextId();
    StationRuntime station = stations.station(csms, v, id);

    assertThat(read(csms, v, id, "EVSE", "AvailabilityState", null, 1, null))
        .isEqualTo("Available");
    csms.call(
        id, "ChangeAvailability", "{\"operationalStatus\":\"Inoperative\",\"evse\":{\"id\":1}}");
    await()
        .atMost(WAIT)
        .until(
            () ->
                read(csms, v, id, "EVSE", "AvailabilityState", null, 1, null)
                    .equals("Unavailable"));
    assertThat(read(csms, v, id, "Connector", "AvailabilityState", null, 1, 1))
        .isEqualTo("Unavailable");
    assertThat(read(csms, v, id, "ChargingStation", "AvailabilityState", null))
        .isEqualTo("Unavailable");
    csms.call(
        id, "ChangeAvailability", "{\"operationalStatus\":\"Operative\",\"evse\":{\"id\":1}}");

    csms.call(
        id,
        "SendLocalList",
        "{\"versionNumber\":1,\"updateType\":\"Full\",\"localAuthorizationList\":["
            + "{\"idToken\":{\"idToken\":\"A\",\"type\":\"ISO14443\"},"
            + "\"idTokenInfo\":{\"status\":\"Accepted\"}},"
            + "{\"idToken\":{\"idToken\":\"B\",\"type\":\"ISO14443\"},"
            + "\"idTokenInfo\":{\"status\":\"Accepted\"}}]}");
    assertThat(read(csms, v, id, "LocalAuthListCtrlr", "Entries", null)).isEqualTo("2");
    setProfile(csms, v, id, 1, 0, 1);
    assertThat(read(csms, v, id, "SmartChargingCtrlr", "Entries", "ChargingProfiles"))
        .isEqualTo("1");

    station.call(() -> station.station().presentToken(1, "A", "ISO14443"));
    station.call(() -> station.station().plugIn(1));
    // The transaction starts once the token is authorized, which may take a round trip.
    await()
        .atMost(WAIT)
        .until(
            () -> {
              boolean[] energized = new boolean[1];
              station.call(() -> energized[0] = stations.hardware(station).offered(1));
              return energized[0];
            });
    station.call(() -> stations.hardware(station).draw(1, 16));
    station.call(() -> station.station().evCharging(1, true));
    double[] power = new double[1];
    station.call(() -> power[0] = station.station().meterReading(1).powerW());
    assertThat(power[0]).isPositive();
    assertThat(Double.parseDouble(read(csms, v, id, "EVSE", "Power", null, 1, null)))
        .isEqualTo(power[0]);
  }

  /** A station whose maker adjusted its 1.6 keys or 2.0.1 variables (whichever it speaks). */
  private StationRuntime configured(
      TestCsms csms,
      OcppVersion version,
      String id,
      UnaryOperator<Configuration.Builder> keys,
      UnaryOperator<DeviceModel.Builder> model) {
    return stations.station(
        csms, version, id, t -> t, b -> b.v16Configuration(keys).v201DeviceModel(model));
  }

  // ------------------------------------------------------------------------------ reading

  private static String nextId() {
    return "KW-IN-FORCE-" + IDS.incrementAndGet();
  }

  /**
   * The value a CSMS reads: 1.6 the key named {@code variable} (MessageTimeout, SecurityProfile,
   * ... have the same name in both versions), 2.0.1 the Actual of component.variable[instance].
   */
  private static String read(
      TestCsms csms,
      OcppVersion version,
      String id,
      String component,
      String variable,
      @Nullable String instance) {
    return read(csms, version, id, component, variable, instance, null, null);
  }

  private static String read(
      TestCsms csms,
      OcppVersion version,
      String id,
      String component,
      String variable,
      @Nullable String instance,
      @Nullable Integer evse,
      @Nullable Integer connector) {
    if (version == OcppVersion.V16) {
      JsonNode answer = csms.call(id, "GetConfiguration", "{\"key\":[\"" + variable + "\"]}");
      assertThat(answer.at("/unknownKey").isMissingNode()).as(variable + " is known").isTrue();
      return answer.at("/configurationKey/0/value").asText();
    }
    JsonNode answer =
        csms.call(
            id,
            "GetVariables",
            "{\"getVariableData\":[{"
                + address(component, variable, instance, evse, connector)
                + "}]}");
    JsonNode result = answer.at("/getVariableResult/0");
    assertThat(result.at("/attributeStatus").asText())
        .as(component + "." + variable)
        .isEqualTo("Accepted");
    return result.at("/attributeValue").asText();
  }

  /** The status of a 1.6 ChangeConfiguration or a 2.0.1 SetVariables of one value. */
  private static String write(
      TestCsms csms,
      OcppVersion version,
      String id,
      String component,
      String variable,
      String value) {
    if (version == OcppVersion.V16) {
      return csms.call(
              id,
              "ChangeConfiguration",
              "{\"key\":\"" + variable + "\",\"value\":\"" + value + "\"}")
          .at("/status")
          .asText();
    }
    return csms.call(
            id,
            "SetVariables",
            "{\"setVariableData\":[{\"attributeValue\":\""
                + value
                + "\","
                + address(component, variable, null, null, null)
                + "}]}")
        .at("/setVariableResult/0/attributeStatus")
        .asText();
  }

  private static String address(
      String component,
      String variable,
      @Nullable String instance,
      @Nullable Integer evse,
      @Nullable Integer connector) {
    String evseJson =
        evse == null
            ? ""
            : ",\"evse\":{\"id\":"
                + evse
                + (connector == null ? "" : ",\"connectorId\":" + connector)
                + "}";
    return "\"component\":{\"name\":\""
        + component
        + "\""
        + evseJson
        + "},\"variable\":{\"name\":\""
        + variable
        + "\""
        + (instance == null ? "" : ",\"instance\":\"" + instance + "\"")
        + "}";
  }
}
