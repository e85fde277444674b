package io.kilowire.core.station;

import static io.kilowire.core.testing.StationScenario.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.ParametersOverride;
import io.kilowire.core.testing.StationScenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * 2.1 made ReserveNow's connectorType a string and added types 2.0.1 cannot spell (cNACS, cMCS,
 * cChaoJi, …): the station compares the CSMS's type with its connectors' own, so such a type is
 * either one it has (Accepted) or one it lacks (Rejected, as a 2.0.1 type it lacks is), never a
 * message it cannot read. A 2.1 tariff's reservation fees (reservationFixed, reservationTime) are
 * not billed yet, so a tariff with them is refused by name instead of taken and undercharged.
 */
class ReservationOcpp21ScenarioTest {

  @Test
  void aTypeOnly21NamesIsATypeTheStationLacksAndIsRejected() {
    StationScenario sc = new StationScenario(OcppVersion.V21);
    sc.startOnline();

    assertThat(reserve(sc, 1, "cNACS")).isEqualTo("Rejected");
    assertThat(reserve(sc, 2, "cType2")).isEqualTo("Accepted");
    assertThat(sc.station().reservations()).extracting(r -> r.id()).containsExactly(2);
  }

  @Test
  void aStationWhoseConnectorsAreOfA21TypeHoldsThemForThatType() {
    StationParameters nacs =
        new ParametersOverride(StationParameters.Fixed.defaults()) {
          @Override
          public String connectorType(int evse) {
            return "cNACS";
          }
        };
    StationScenario sc = new StationScenario(OcppVersion.V21, 2, nacs);
    sc.startOnline();

    assertThat(reserve(sc, 1, "cNACS")).isEqualTo("Accepted");
    assertThat(reserve(sc, 2, "cType2")).isEqualTo("Rejected");
    assertThat(sc.station().reservations()).extracting(r -> r.id()).containsExactly(1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "reservationFixed\":{\"prices\":[{\"priceFixed\":2.00}]}",
        "reservationTime\":{\"prices\":[{\"priceMinute\":0.05}]}"
      })
  void aTariffWithAReservationFeeIsRefusedNamingItRatherThanTakenAndTheFeeNeverBilled(String fee) {
    StationScenario sc = new StationScenario(OcppVersion.V21);
    sc.startOnline();
    String field = fee.substring(0, fee.indexOf('"'));

    assertThatThrownBy(
            () ->
                sc.command(
                    "SetDefaultTariff",
                    "{\"evseId\":0,\"tariff\":{\"tariffId\":\"RES-1\",\"currency\":\"EUR\","
                        + "\"energy\":{\"prices\":[{\"priceKwh\":0.25}]},\""
                        + fee
                        + "}}"))
        .hasMessageContaining("NotSupported")
        .hasMessageContaining("tariff." + field);
    assertThat(
            sc.command(
                    "SetDefaultTariff",
                    "{\"evseId\":0,\"tariff\":{\"tariffId\":\"PLAIN-1\",\"currency\":\"EUR\","
                        + "\"energy\":{\"prices\":[{\"priceKwh\":0.25}]}}}")
                .path("status")
                .asText())
        .isEqualTo("Accepted");
  }

  private static String reserve(StationScenario sc, int id, String connectorType) {
    String answer =
        sc.command(
                "ReserveNow",
                "{\"id\":"
                    + id
                    + ",\"expiryDateTime\":\""
                    + sc.clock.now().plusSeconds(3600)
                    + "\",\"idToken\":{\"idToken\":\""
                    + TOKEN
                    + "\",\"type\":\"ISO14443\"},\"connectorType\":\""
                    + connectorType
                    + "\"}")
            .path("status")
            .asText();
    sc.settle();
    return answer;
  }
}
