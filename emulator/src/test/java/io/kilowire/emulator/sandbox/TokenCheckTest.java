package io.kilowire.emulator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenCheckTest {
  @ParameterizedTest(name = "{0} {1} fits")
  @CsvSource({
    "ISO14443, 04A1B2C3D4E5F6",
    "ISO14443, DEADBEEF",
    "ISO15693, E004A1B2C3D4E5F6",
    "eMAID, DE8AA0012345670",
    "eMAID, DE-8AA-001234567-0",
    "eMAID, DE8AA001234567",
    "Central, anything-at-all",
    "KeyCode, 1234"
  })
  void aTokenOfItsTypeFits(String type, String token) {
    assertThat(TokenCheck.problem(type, token)).isEmpty();
  }

  @ParameterizedTest(name = "{0} {1} is refused")
  @CsvSource({
    "ISO14443, EVKWEMU00101",
    "ISO14443, 04A1B2C3D4E5",
    "ISO15693, 04A1B2C3D4E5F6",
    "eMAID, DE8AA0012345671",
    "eMAID, 12345"
  })
  void aTokenNotOfItsTypeIsRefusedWithAReason(String type, String token) {
    assertThat(TokenCheck.problem(type, token)).isPresent();
  }
}
