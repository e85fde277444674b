package io.kilowire.core.ocpp.v21.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.v21.AuthorizationStatus;
import io.kilowire.core.ocpp.v21.AuthorizeResponse;
import io.kilowire.core.ocpp.v21.IdTokenInfo;
import io.kilowire.core.ocpp.v21.Tariff;
import io.kilowire.core.ocpp.v21.TariffEnergy;
import io.kilowire.core.ocpp.v21.TariffEnergyPrice;
import io.kilowire.core.tariff.TariffBook;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** HandleFailedTariff Deauthorize on a 2.1 Authorize answer (V21TariffHandlers). */
class V21FailedTariffTest {
  private static final TariffBook.Limits LIMITS = new TariffBook.Limits(10, true);

  private static AuthorizeResponse answer(AuthorizationStatus status, int prices) {
    List<TariffEnergyPrice> energy = new ArrayList<>();
    for (int i = 0; i < prices; i++) {
      energy.add(TariffEnergyPrice.of(BigDecimal.valueOf(10 + i, 2)));
    }
    Tariff tariff =
        prices == 0
            ? null
            : new Tariff(
                "DRIVER",
                null,
                "EUR",
                TariffEnergy.of(energy),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    return new AuthorizeResponse(IdTokenInfo.of(status), null, null, tariff, null);
  }

  @Test
  void aTariffWithMorePricesThanTheStationTakesIsNotUsable() {
    assertThat(V21TariffHandlers.tariffUsable(answer(AuthorizationStatus.ACCEPTED, 10), LIMITS))
        .isTrue();
    assertThat(V21TariffHandlers.tariffUsable(answer(AuthorizationStatus.ACCEPTED, 11), LIMITS))
        .isFalse();
    // Nothing to fail: no tariff, or the driver is not accepted anyway.
    assertThat(V21TariffHandlers.tariffUsable(answer(AuthorizationStatus.ACCEPTED, 0), LIMITS))
        .isTrue();
    assertThat(V21TariffHandlers.tariffUsable(answer(AuthorizationStatus.BLOCKED, 11), LIMITS))
        .isTrue();
  }

  @Test
  void aDeauthorizedAnswerKeepsAllButTheVerdict() {
    AuthorizeResponse turnedAway =
        V21TariffHandlers.deauthorized(answer(AuthorizationStatus.ACCEPTED, 11));
    assertThat(turnedAway.idTokenInfo().status())
        .isEqualTo(AuthorizationStatus.NOT_AT_THIS_LOCATION);
    assertThat(turnedAway.tariff().tariffId()).isEqualTo("DRIVER");
  }
}
