package io.kilowire.core.station;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.authorization.PersonalMessage;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.v201.CustomData;
import io.kilowire.core.ocpp.v201.IdTokenInfo;
import io.kilowire.core.ocpp.v201.MessageContent;
import io.kilowire.core.ocpp.v201.MessageFormat;
import io.kilowire.core.testing.StationScenario;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * 2.0.1 I01 in virtual time: the tariff the CSMS answers a token with (idTokenInfo.personalMessage,
 * its translations in customData.personalMessageExtra) is shown on the EVSE's display in the
 * driver's language until the transaction ends, and not at all with TariffCostCtrlr Enabled[Tariff]
 * false; a driver who refuses it is de-authorized: a running transaction ends (DeAuthorized; the
 * 2.1 bridge words it TariffNotAccepted), a token waiting for the cable lapses.
 */
class TariffScenarioTest {
  private static final MessageContent ENGLISH =
      new MessageContent(null, MessageFormat.UTF8, "en", "0.30 EUR/kWh, 2 EUR/h after 4 h");
  private static final Map<String, Object> GERMAN =
      Map.of("format", "UTF8", "language", "de", "content", "0,30 EUR/kWh, 2 EUR/h nach 4 h");

  private static IdTokenInfo withTariff(IdTokenInfo info, @Nullable String language1) {
    return new IdTokenInfo(
        new CustomData(
            "org.openchargealliance.multilanguage",
            Map.of("personalMessageExtra", List.of(GERMAN))),
        info.status(),
        info.cacheExpiryDateTime(),
        info.chargingPriority(),
        language1,
        info.evseId(),
        info.groupIdToken(),
        null,
        ENGLISH);
  }

  @Test
  void theAuthorizeAnswersTariffIsShownInTheDriversLanguageUntilTheTransactionEnds() {
    StationScenario sc = new StationScenario(OcppVersion.V201);
    sc.csms.tokenInfo(info -> withTariff(info, "de-CH"));
    sc.startOnline();

    sc.station().presentToken(1, StationScenario.TOKEN, "ISO14443");
    sc.settle();

    PersonalMessage.Text shown = sc.hardware.displayedTariff(1);
    assertThat(shown).isNotNull();
    assertThat(shown.language()).isEqualTo("de");
    assertThat(shown.content()).isEqualTo("0,30 EUR/kWh, 2 EUR/h nach 4 h");
    assertThat(shown.format()).isEqualTo(PersonalMessage.Format.UTF8);

    sc.station().plugIn(1);
    sc.advance(Duration.ofMinutes(5));
    assertThat(sc.hardware.displayedTariff(1)).isNotNull();
    sc.station().unplug(1);
    sc.advance(Duration.ofSeconds(5));
    assertThat(sc.hardware.displayedTariff(1)).isNull();
  }

  @Test
  void withoutAPreferredLanguageTheMessageItselfIsShown() {
    StationScenario sc = new StationScenario(OcppVersion.V201);
    sc.csms.tokenInfo(info -> withTariff(info, null));
    sc.startOnline();

    sc.station().presentToken(1, StationScenario.TOKEN, "ISO14443");
    sc.settle();

    PersonalMessage.Text shown = sc.hardware.displayedTariff(1);
    assertThat(shown).isNotNull();
    assertThat(shown.content()).isEqualTo(ENGLISH.content());
  }

  @Test
  void aTransactionAnswersTariffReachesTheEvsesDisplay() {
    StationScenario sc = new StationScenario(OcppVersion.V201);
    sc.startOnline();
    sc.station().presentToken(1, StationScenario.TOKEN, "ISO14443");
    sc.settle();
    assertThat(sc.hardware.displayedTariff(1)).isNull();

    // From now on the CSMS tells the tariff with the transaction's token (e.g. an updated one).
    sc.csms.tokenInfo(info -> withTariff(info, "en"));
    sc.station().plugIn(1);
    sc.advance(Duration.ofSeconds(5));

    PersonalMessage.Text shown = sc.hardware.displayedTariff(1);
    assertThat(shown).isNotNull();
    assertThat(shown.content()).isEqualTo(ENGLISH.content());
  }

  @Test
  void nothingIsShownWhileTariffDisplayIsDisabled() {
    StationScenario sc = new StationScenario(OcppVersion.V201);
    sc.csms.tokenInfo(info -> withTariff(info, "de"));
    sc.startOnline();
    sc.station().cost().tariffEnabled(() -> false);

    sc.station().presentToken(1, StationScenario.TOKEN, "ISO14443");
    sc.station().plugIn(1);
    sc.advance(Duration.ofSeconds(5));

    assertThat(sc.hardware.displayedTariff(1)).isNull();
  }

  @Test
  void withoutADriversTariffTheFallbackMessageIsShownUntilTheTransactionEnds() {
    StationScenario sc = new StationScenario(OcppVersion.V201);
    sc.startOnline(); // the CSMS answers the token without a personal message
    sc.station().cost().tariffFallback(() -> "Prices: see the sign at the entrance");

    sc.station().presentToken(1, StationScenario.TOKEN, "ISO14443");
    sc.settle();

    PersonalMessage.Text shown = sc.hardware.displayedTariff(1);
    assertThat(shown).as("I04: TariffFallbackMessage").isNotNull();
    assertThat(shown.content()).isEqualTo("Prices: see the sign at the entrance");
    sc.station().plugIn(1);
    sc.advance(Duration.ofMinutes(1));
    sc.station().unplug(1);
    sc.advance(Duration.ofSeconds(5));
    assertThat(sc.hardware.displayedTariff(1)).isNull();
  }

  @Test
  void theDriversTariffWinsOverTheFallbackMessage() {
    StationScenario sc = new StationScenario(OcppVersion.V201);
    sc.csms.tokenInfo(info -> withTariff(info, "en"));
    sc.startOnline();
    sc.station().cost().tariffFallback(() -> "Prices: see the sign at the entrance");

    sc.station().presentToken(1, StationScenario.TOKEN, "ISO14443");
    sc.settle();

    PersonalMessage.Text shown = sc.hardware.displayedTariff(1);
    assertThat(shown).isNotNull();
    assertThat(shown.content()).isEqualTo(ENGLISH.content());
  }

  @Test
  void offlineTheFallbackMessagesStandForTheTariffAndTheTotal() {
    StationScenario sc = new StationScenario(OcppVersion.V201);
    sc.startOnline();
    sc.station().cost().tariffFallback(() -> "Prices: see the sign at the entrance");
    sc.station().cost().totalCostFallback(() -> "Your receipt follows by e-mail");
    sc.drop();

    sc.startCharging(1, StationScenario.TOKEN, 16);
    PersonalMessage.Text shown = sc.hardware.displayedTariff(1);
    assertThat(shown).as("I04: authorized offline").isNotNull();
    assertThat(shown.content()).isEqualTo("Prices: see the sign at the entrance");

    sc.advance(Duration.ofMinutes(5));
    sc.station().unplug(1);
    sc.advance(Duration.ofSeconds(5));
    assertThat(sc.hardware.displayedCost(1))
        .as("I05: ended offline, no total to be had")
        .isEqualTo("Your receipt follows by e-mail");
  }

  @Test
  void theCacheDoesNotKeepAPersonalMessage() {
    StationScenario sc = new StationScenario(OcppVersion.V201);
    sc.csms.tokenInfo(info -> withTariff(info, "de"));
    sc.startOnline();
    sc.station().presentToken(1, StationScenario.TOKEN, "ISO14443");
    sc.settle();

    assertThat(sc.station().authorization().cacheEntries())
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.info().personalMessage()).isNull());
  }

  @Test
  void aDriverWhoRefusesTheTariffBeforePluggingInStartsNothing() {
    StationScenario sc = tokenShownATariff();
    sc.settle();
    assertThat(sc.hardware.displayedTariff(1)).isNotNull();

    assertThat(sc.station().refuseTariff(1)).isTrue();
    sc.station().plugIn(1);
    sc.advance(Duration.ofSeconds(5));

    assertThat(sc.hardware.displayedTariff(1)).as("the refused tariff leaves").isNull();
    assertThat(sc.sent("TransactionEvent"))
        .as("TxStartPoint PowerPathClosed: without the authorization nothing starts")
        .isEmpty();
    assertThat(sc.station().refuseTariff(1)).as("nothing left to refuse").isFalse();
  }

  @Test
  void aRefusedTariffEndsA201TransactionDeauthorizedWithNoMarkerOnTheWire() {
    StationScenario sc = tokenShownATariff();
    sc.station().plugIn(1);
    sc.advance(Duration.ofSeconds(5));

    assertThat(sc.station().refuseTariff(1)).isTrue();
    sc.advance(Duration.ofSeconds(5));

    List<com.fasterxml.jackson.databind.JsonNode> events = sc.sent("TransactionEvent");
    com.fasterxml.jackson.databind.JsonNode ended = events.get(events.size() - 1);
    assertThat(ended.path("eventType").asText()).isEqualTo("Ended");
    assertThat(ended.path("triggerReason").asText()).isEqualTo("Deauthorized");
    assertThat(ended.at("/transactionInfo/stoppedReason").asText()).isEqualTo("DeAuthorized");
    assertThat(ended.has("customData"))
        .as("2.0.1 has no TariffNotAccepted; the 2.1 bridge's marker must not reach a 2.0.1 CSMS")
        .isFalse();
    assertThat(sc.hardware.displayedTariff(1)).isNull();
  }

  @Test
  void aRefusedTariffEndsA16TransactionDeAuthorized() {
    StationScenario sc = new StationScenario(OcppVersion.V16);
    sc.startOnline();
    sc.station().presentToken(1, StationScenario.TOKEN, "ISO14443");
    sc.station().plugIn(1);
    sc.advance(Duration.ofSeconds(5));

    assertThat(sc.station().refuseTariff(1)).isTrue();
    sc.advance(Duration.ofSeconds(5));

    assertThat(sc.sent("StopTransaction"))
        .singleElement()
        .satisfies(stop -> assertThat(stop.path("reason").asText()).isEqualTo("DeAuthorized"));
  }

  /** A 2.0.1 station online whose EVSE 1 took a token the CSMS answered with a tariff. */
  private static StationScenario tokenShownATariff() {
    StationScenario sc = new StationScenario(OcppVersion.V201);
    sc.csms.tokenInfo(info -> withTariff(info, "en"));
    sc.startOnline();
    sc.station().presentToken(1, StationScenario.TOKEN, "ISO14443");
    return sc;
  }
}
