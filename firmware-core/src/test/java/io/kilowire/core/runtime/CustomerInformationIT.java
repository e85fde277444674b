package io.kilowire.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.TestCsms;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Customer information over a real WebSocket on 127.0.0.1 (2.0.1 N09, N10): the CSMS reads what the
 * station holds about a token (its authorization-cache entry), clears it, finds nothing afterwards;
 * a request naming no customer or two is Invalid, one asking for nothing Rejected.
 */
class CustomerInformationIT {
  private static final Duration WAIT = RuntimeStations.WAIT;
  private static final String ID = "KW-CUSTOMER";
  private static final String TOKEN = "{\"idToken\":\"04A1B2C3\",\"type\":\"ISO14443\"}";
  private final RuntimeStations stations = new RuntimeStations();

  @AfterEach
  void closeEverything() {
    stations.close();
  }

  private static String request(int requestId, boolean report, boolean clear, String customer) {
    return "{\"requestId\":"
        + requestId
        + ",\"report\":"
        + report
        + ",\"clear\":"
        + clear
        + (customer.isEmpty() ? "" : "," + customer)
        + "}";
  }

  private static JsonNode page(TestCsms csms, int requestId) {
    return csms.awaitCall(
            ID, "NotifyCustomerInformation", p -> p.at("/requestId").asInt() == requestId, WAIT)
        .payload();
  }

  @Test
  void theCsmsReadsAndClearsWhatTheStationHoldsAboutAToken() {
    TestCsms csms = stations.csms(OcppVersion.V201);
    StationRuntime station = stations.station(csms, OcppVersion.V201, ID);
    station.call(() -> station.station().presentToken(1, "04A1B2C3", "ISO14443"));
    csms.awaitCall(ID, "Authorize", WAIT);

    String byToken = "\"idToken\":" + TOKEN;
    assertThat(
            csms.call(ID, "CustomerInformation", request(1, true, false, byToken))
                .at("/status")
                .asText())
        .isEqualTo("Accepted");
    JsonNode reported = page(csms, 1);
    assertThat(reported.at("/data").asText()).contains("authorization cache: accepted");
    assertThat(reported.at("/seqNo").asInt()).isZero();
    assertThat(reported.has("tbc")).isFalse();

    csms.call(ID, "CustomerInformation", request(2, true, true, byToken));
    assertThat(page(csms, 2).at("/data").asText()).contains("(cleared)");
    csms.call(ID, "CustomerInformation", request(3, true, false, byToken));
    assertThat(page(csms, 3).at("/data").asText()).isEqualTo("No data found for this customer");

    assertThat(
            csms.call(
                    ID,
                    "CustomerInformation",
                    request(4, true, false, byToken + ",\"customerIdentifier\":\"OCA\""))
                .at("/status")
                .asText())
        .isEqualTo("Invalid");
    assertThat(
            csms.call(ID, "CustomerInformation", request(5, true, false, ""))
                .at("/status")
                .asText())
        .isEqualTo("Invalid");
    assertThat(
            csms.call(ID, "CustomerInformation", request(6, false, false, byToken))
                .at("/status")
                .asText())
        .isEqualTo("Rejected");
  }
}
