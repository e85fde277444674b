package io.kilowire.core.authorization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdentifierTokenTest {
  @Test
  void tokensDifferingOnlyInCaseAreEqualAndHashAlike() {
    IdentifierToken lower = new IdentifierToken("04a1b2c3", IdentifierType.ISO14443);
    IdentifierToken upper = new IdentifierToken("04A1B2C3", IdentifierType.ISO14443);

    assertThat(lower).isEqualTo(upper).hasSameHashCodeAs(upper);
  }

  @Test
  void theSameValueOfAnotherTypeIsAnotherToken() {
    assertThat(new IdentifierToken("1234", IdentifierType.KEY_CODE))
        .isNotEqualTo(new IdentifierToken("1234", IdentifierType.LOCAL));
  }

  @Test
  void theValueKeepsItsSpellingAsReceived() {
    assertThat(IdentifierToken.idTag("AbCd").value()).isEqualTo("AbCd");
  }

  @Test
  void aValueOverTwoHundredFiftyFiveCharactersIsRefused() {
    assertThatThrownBy(() -> IdentifierToken.idTag("x".repeat(256)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("256");
  }

  @Test
  void aValueOf255CharactersOfA21TypeIsAllowedTheVersionsRecordsHoldTheirOwnLimits() {
    assertThat(new IdentifierToken("x".repeat(255), IdentifierType.EVCCID).value()).hasSize(255);
  }

  @Test
  void aTypeIsNamedByItsEnumNameOrItsWireSpellingInAnyCase() {
    assertThat(IdentifierType.named("eMAID")).isEqualTo(IdentifierType.E_MAID);
    assertThat(IdentifierType.named("DirectPayment")).isEqualTo(IdentifierType.DIRECT_PAYMENT);
    assertThat(IdentifierType.named("KEY_CODE")).isEqualTo(IdentifierType.KEY_CODE);
    assertThat(IdentifierType.named("VendorBadge")).isNull();
  }
}
