package io.kilowire.core.ocpp.v201.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.v201.IdToken;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class V201StationMappingTest {

  /**
   * The reader takes a type in any spelling; a 2.0.1 CSMS must get the token and its type as such.
   */
  @ParameterizedTest
  @CsvSource({
    "iso14443,ISO14443",
    "Iso14443,ISO14443",
    "E-MAID,eMAID",
    "emaid,eMAID",
    "ISO15693,ISO15693"
  })
  void aTwoPointOhOneTypeInAnySpellingTravelsAsItselfNotCarried(String spelled, String wire) {
    IdToken token = V201StationMapping.token("04A2B3C4", spelled);

    assertThat(WideTokens.carries(token)).isFalse();
    assertThat(token.idToken()).isEqualTo("04A2B3C4");
    assertThat(token.type().value()).isEqualTo(wire);
    assertThat(token.customData()).isNull();
  }
}
