package io.kilowire.core.ocpp.v21.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.v201.IdTokenType;
import io.kilowire.core.ocpp.v21.adapter.V21Translation.Mode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("2.1 tokens 2.0.1 cannot hold, carried as aliases (V21TokenAliases)")
class V21TokenAliasesTest {
  private static final String LONG = "KW-" + "0123456789abcdef".repeat(12) + "Z".repeat(5);

  private static io.kilowire.core.ocpp.v201.IdToken to201(String value, String type) {
    return V21Translation.translate(
        io.kilowire.core.ocpp.v21.IdToken.of(value, type),
        io.kilowire.core.ocpp.v201.IdToken.class,
        Mode.STRICT);
  }

  private static io.kilowire.core.ocpp.v21.IdToken to21(io.kilowire.core.ocpp.v201.IdToken t) {
    return V21Translation.translate(t, io.kilowire.core.ocpp.v21.IdToken.class, Mode.STRICT);
  }

  @Test
  void aLongTokenOfAType201LacksFitsTheRecordAndComesBackAsItCame() {
    io.kilowire.core.ocpp.v201.IdToken alias = to201(LONG, "EVCCID");

    assertThat(alias.idToken().length()).isLessThanOrEqualTo(36);
    assertThat(to21(alias)).isEqualTo(io.kilowire.core.ocpp.v21.IdToken.of(LONG, "EVCCID"));
  }

  @Test
  void aShortTokenOfAType201LacksIsAliasedTooAndALongOneOfA201TypeKeepsItsType() {
    io.kilowire.core.ocpp.v201.IdToken custom = to201("AB12", "VendorBadge");
    io.kilowire.core.ocpp.v201.IdToken longIso = to201(LONG, "ISO15693");

    assertThat(custom.idToken()).isNotEqualTo("AB12");
    assertThat(to21(custom).type()).isEqualTo("VendorBadge");
    assertThat(longIso.type()).isEqualTo(IdTokenType.ISO15693);
    assertThat(to21(longIso)).isEqualTo(io.kilowire.core.ocpp.v21.IdToken.of(LONG, "ISO15693"));
  }

  @Test
  void aTokenBothVersionsHoldIsCarriedUnchanged() {
    assertThat(to201("04A1B2C3", "ISO14443"))
        .isEqualTo(io.kilowire.core.ocpp.v201.IdToken.of("04A1B2C3", IdTokenType.ISO14443));
    assertThat(to21(io.kilowire.core.ocpp.v201.IdToken.of("04A1B2C3", IdTokenType.ISO14443)))
        .isEqualTo(io.kilowire.core.ocpp.v21.IdToken.of("04A1B2C3", "ISO14443"));
  }

  @Test
  void oneTokenHasOneAliasWhateverItsCaseAndOtherTokensOrTypesOthers() {
    // Identifiers are case-insensitive: the domain must see one token, as for 2.0.1 ones.
    assertThat(to201(LONG, "EVCCID").idToken())
        .isEqualToIgnoringCase(to201(LONG.toUpperCase(), "EVCCID").idToken());
    assertThat(to201(LONG, "EVCCID").idToken()).isNotEqualTo(to201(LONG, "VIN").idToken());
    assertThat(to201(LONG, "EVCCID").idToken()).isNotEqualTo(to201(LONG + "1", "EVCCID").idToken());
  }
}
