package io.kilowire.emulator.station;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kilowire.emulator.station.EmulatedToken.Type;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Every token an emulated EV presents is valid for its type, the same on every run. */
class EmulatedTokenTest {
  /** The format rules of OCPP 2.0.1 Part 2 (IdTokenEnumType), one per type. */
  private static final Map<Type, String> FORMAT =
      Map.of(
          Type.ISO14443, "[0-9A-F]{8}|[0-9A-F]{14}",
          Type.ISO15693, "[0-9A-F]{16}",
          Type.EMAID, "[A-Z]{2}[0-9A-Z]{3}[0-9A-Z]{9}[0-9A-Z]",
          Type.CENTRAL, "[0-9A-Za-z]{1,20}",
          Type.LOCAL, "[0-9A-Za-z]{1,20}",
          Type.KEY_CODE, "[0-9]{4,20}");

  @ParameterizedTest
  @EnumSource(Type.class)
  void everyGeneratedTokenFitsItsTypeAndA16IdTag(Type type) {
    Set<String> seen = new HashSet<>();
    for (int station = 1; station <= 100; station++) {
      for (int evse = 1; evse <= 4; evse++) {
        String id = String.format("KW-EMU-%03d", station);
        String token = EmulatedToken.of(type, id, evse);

        assertThat(token).as("%s %s/%d", type, id, evse).matches(FORMAT.get(type));
        assertThat(token.length()).as("1.6 idTag, CiString20").isLessThanOrEqualTo(20);
        if (type == Type.EMAID) {
          assertThat(token.charAt(14))
              .isEqualTo(EmulatedToken.emaidCheckDigit(token.substring(0, 14)));
        }
        assertThat(EmulatedToken.of(type, id, evse)).as("the same on every run").isEqualTo(token);
        seen.add(token);
      }
    }
    assertThat(seen).as("one token per EV").hasSize(400);
  }

  /** The published examples of the eMI³ check digit calculation. */
  @ParameterizedTest
  @CsvSource({
    "NN123ABCDEFGHI, T",
    "FRXYZ123456789, 2",
    "ITA1B2C3E4F5G6, 4",
    "ESZU8WOX834H1D, R",
    "PT73902837ABCZ, Z",
    "DE83DUIEN83QGZ, D",
    "DE83DUIEN83ZGQ, M",
    "DE8AA001234567, 0"
  })
  void theEmaidCheckDigitIsTheEmi3One(String first14, char check) {
    assertThat(EmulatedToken.emaidCheckDigit(first14)).isEqualTo(check);
  }

  @Test
  void aMalformedEmaidHasNoCheckDigit() {
    assertThrows(IllegalArgumentException.class, () -> EmulatedToken.emaidCheckDigit("DE8AA00123"));
    assertThrows(
        IllegalArgumentException.class, () -> EmulatedToken.emaidCheckDigit("DE8AA00123456-"));
  }

  @ParameterizedTest
  @CsvSource({"iso14443, ISO14443", "EMAID, EMAID", "keycode, KEY_CODE", "Central, CENTRAL"})
  void typesAreFoundByTheirOcppNameInAnyCase(String name, Type type) {
    assertThat(Type.byName(name)).contains(type);
  }

  @Test
  void anUnknownTypeIsNotFound() {
    assertThat(Type.byName("MacAddress")).isEmpty();
  }
}
