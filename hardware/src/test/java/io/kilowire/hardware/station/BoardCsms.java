package io.kilowire.hardware.station;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.NodePeer;
import io.kilowire.core.testing.TestCsms;
import java.net.URI;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * The CSMS of a board-station test, so one test runs on 1.6 and on 2.1: the in-process {@link
 * TestCsms} for 1.6, ocpp-rpc in strict mode with the 2.1 schemas ({@code tools/ocpp-peer}) for
 * 2.1, which checks every frame. Only what the site and group tests need: the station charging, and
 * the fallback events it reports (1.6 SecurityEventNotification, 2.1 NotifyEvent
 * SmartChargingCtrlr.Problem).
 */
abstract class BoardCsms implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(15);

  final OcppVersion version;

  private BoardCsms(OcppVersion version) {
    this.version = version;
  }

  /** A CSMS speaking {@code version} (V16 or V21) on 127.0.0.1. */
  static BoardCsms start(OcppVersion version) {
    return switch (version) {
      case V16 -> new V16(TestCsms.start(OcppVersion.V16));
      case V21 -> new V21(NodePeer.start("server.js", "--protocol", "ocpp2.1"));
      default -> throw new IllegalArgumentException("no board CSMS for " + version);
    };
  }

  abstract URI uri();

  /** After the boot: the EV plugs in, the CSMS starts a transaction remotely, the EV charges. */
  abstract void charge(BoardRig rig, String id);

  /**
   * The station reports the fallback {@code code} (SiteMeterStale, ControllerLost) as begun or
   * ended.
   */
  abstract void awaitFallback(String id, String code, boolean began);

  /** Nothing the strict peer objected to (a no-op for 1.6's in-process CSMS). */
  abstract void assertNoComplaints();

  @Override
  public abstract void close();

  private static final class V16 extends BoardCsms {
    private final TestCsms csms;

    V16(TestCsms csms) {
      super(OcppVersion.V16);
      this.csms = csms;
    }

    @Override
    URI uri() {
      return csms.uri();
    }

    @Override
    void charge(BoardRig rig, String id) {
      rig.chargeV16(csms, id, WAIT);
    }

    @Override
    void awaitFallback(String id, String code, boolean began) {
      csms.awaitCall(
          id,
          "SecurityEventNotification",
          p -> p.at("/techInfo").asText().startsWith(code + (began ? " began" : " ended")),
          WAIT);
    }

    @Override
    void assertNoComplaints() {}

    @Override
    public void close() {
      csms.close();
    }
  }

  private static final class V21 extends BoardCsms {
    private static final String REMOTE_START =
        "{\"action\":\"RequestStartTransaction\",\"params\":{\"evseId\":1,\"remoteStartId\":1,"
            + "\"idToken\":{\"idToken\":\"TAG1\",\"type\":\"Central\"}}}";

    private final NodePeer csms;
    private final int port;

    V21(NodePeer csms) {
      super(OcppVersion.V21);
      this.csms = csms;
      this.port = csms.awaitEvent("ready", WAIT).get("port").asInt();
    }

    @Override
    URI uri() {
      return URI.create("ws://127.0.0.1:" + port);
    }

    private JsonNode awaitCall(String action, Predicate<JsonNode> params) {
      return csms.await(
          e ->
              e.path("event").asText().equals("call")
                  && e.path("action").asText().equals(action)
                  && params.test(e.path("params")),
          WAIT);
    }

    @Override
    void charge(BoardRig rig, String id) {
      awaitCall("BootNotification", p -> true);
      rig.evPlugsIn();
      awaitCall("StatusNotification", p -> p.path("connectorStatus").asText().equals("Occupied"));
      csms.send(REMOTE_START);
      JsonNode done =
          csms.await(
              e ->
                  e.path("event").asText().startsWith("csmsCall")
                      && e.path("action").asText().equals("RequestStartTransaction"),
              WAIT);
      assertThat(done.at("/result/status").asText()).as(done.toString()).isEqualTo("Accepted");
      awaitCall("TransactionEvent", p -> p.path("eventType").asText().equals("Started"));
      rig.evCharges();
    }

    @Override
    void awaitFallback(String id, String code, boolean began) {
      awaitCall(
          "NotifyEvent",
          p -> {
            JsonNode data = p.path("eventData").path(0);
            return data.path("techCode").asText().equals(code)
                && data.at("/component/name").asText().equals("SmartChargingCtrlr")
                && data.path("actualValue").asText().equals(String.valueOf(began));
          });
    }

    @Override
    void assertNoComplaints() {
      BoardCsms.assertNoComplaints(csms);
    }

    @Override
    public void close() {
      csms.close();
    }
  }

  /** No schema complaint, no broken primitive rule, no CALLERROR on either side of ocpp-rpc. */
  static void assertNoComplaints(NodePeer csms) {
    assertThat(csms.primitiveViolations()).as("primitive-datatype rules broken").isEmpty();
    assertThat(csms.events())
        .noneMatch(e -> e.path("event").asText().equals("badMessage"))
        .noneMatch(e -> e.path("event").asText().equals("strictValidationFailure"))
        .noneMatch(e -> e.path("event").asText().equals("csmsCallError"))
        .noneMatch(
            e ->
                e.path("event").asText().equals("frame")
                    && e.path("frame").asText().startsWith("[4,"));
  }
}
