package io.kilowire.core.ocpp.v21.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.authorization.IdentifierToken;
import io.kilowire.core.authorization.IdentifierType;
import io.kilowire.core.ocpp.json.JsonFrameCodec;
import io.kilowire.core.ocpp.v201.IdTokenType;
import io.kilowire.core.ocpp.v201.adapter.V201AuthorizationMapping;
import io.kilowire.core.ocpp.v201.adapter.WideTokens;
import io.kilowire.core.ocpp.v21.adapter.V21Translation.Mode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("2.1 tokens 2.0.1 cannot hold, carried through its records (WideTokens)")
class V21WideTokensTest {
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
    io.kilowire.core.ocpp.v201.IdToken carried = to201(LONG, "EVCCID");

    assertThat(carried.idToken().length()).isLessThanOrEqualTo(36);
    assertThat(to21(carried)).isEqualTo(io.kilowire.core.ocpp.v21.IdToken.of(LONG, "EVCCID"));
  }

  @Test
  void theDomainHoldsTheTokenItselfAndItsTwoPointOneType() {
    IdentifierToken token = V201AuthorizationMapping.token(to201(LONG, "EVCCID"));

    assertThat(token.value()).isEqualTo(LONG);
    assertThat(token.type()).isEqualTo(IdentifierType.EVCCID);
    assertThat(to21(V201AuthorizationMapping.idToken(token)))
        .isEqualTo(io.kilowire.core.ocpp.v21.IdToken.of(LONG, "EVCCID"));
  }

  @Test
  void nothingIsRememberedARecordReadBackFromItsJsonComesBackAsItCame() {
    // As a journaled TransactionEvent after a restart, or another station in the same JVM: the
    // record alone says what the token is.
    JsonFrameCodec codec = JsonFrameCodec.shared();
    String json =
        codec
            .encodePayload(
                io.kilowire.core.ocpp.v201.AuthorizeRequest.of(WideTokens.record(LONG, "EVCCID")))
            .json();
    for (int i = 0; i < 5000; i++) {
      to201(LONG.substring(0, 40) + i, "EVCCID"); // tokens sharing the first 40 characters
    }
    io.kilowire.core.ocpp.v201.IdToken read =
        codec
            .decodePayload(
                codec.parsePayload(json), io.kilowire.core.ocpp.v201.AuthorizeRequest.class)
            .idToken();

    assertThat(to21(read)).isEqualTo(io.kilowire.core.ocpp.v21.IdToken.of(LONG, "EVCCID"));
  }

  @Test
  void aShortTokenOfAType201LacksIsCarriedTooAndALongOneOfA201TypeKeepsItsType() {
    io.kilowire.core.ocpp.v201.IdToken custom = to201("AB12", "VendorBadge");
    io.kilowire.core.ocpp.v201.IdToken longIso = to201(LONG, "ISO15693");

    assertThat(custom.idToken()).isNotEqualTo("AB12");
    assertThat(to21(custom)).isEqualTo(io.kilowire.core.ocpp.v21.IdToken.of("AB12", "VendorBadge"));
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
  void oneTokenHasOneStandInWhateverItsCaseAndOtherTokensOrTypesOthers() {
    // Identifiers are case-insensitive: a 2.0.1-side reader keying on the stand-in sees one token.
    assertThat(to201(LONG, "EVCCID").idToken())
        .isEqualToIgnoringCase(to201(LONG.toUpperCase(), "EVCCID").idToken());
    assertThat(to201(LONG, "EVCCID").idToken()).isNotEqualTo(to201(LONG, "VIN").idToken());
    assertThat(to201(LONG, "EVCCID").idToken()).isNotEqualTo(to201(LONG + "1", "EVCCID").idToken());
  }
}
