package io.kilowire.core.ocpp.v201.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kilowire.core.authorization.AuthorizationInfo;
import io.kilowire.core.authorization.AuthorizationStatus;
import io.kilowire.core.authorization.IdentifierToken;
import io.kilowire.core.authorization.IdentifierType;
import io.kilowire.core.authorization.LocalListEntry;
import io.kilowire.core.authorization.LocalListUpdate;
import io.kilowire.core.authorization.LocalListUpdateResult;
import io.kilowire.core.ocpp.v201.IdToken;
import io.kilowire.core.ocpp.v201.IdTokenInfo;
import io.kilowire.core.ocpp.v201.IdTokenType;
import io.kilowire.core.ocpp.v201.SendLocalListStatus;
import io.kilowire.core.ocpp.v201.StatusInfo;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class V201AuthorizationMappingTest {
  private static final Instant EXPIRY = Instant.parse("2025-12-31T23:59:59Z");

  @ParameterizedTest
  @EnumSource(io.kilowire.core.ocpp.v201.AuthorizationStatus.class)
  void everyWireStatusSurvivesARoundTrip(io.kilowire.core.ocpp.v201.AuthorizationStatus status) {
    assertThat(V201AuthorizationMapping.status(V201AuthorizationMapping.status(status)))
        .isEqualTo(status);
  }

  @ParameterizedTest
  @EnumSource(IdTokenType.class)
  void everyWireTokenTypeSurvivesARoundTrip(IdTokenType type) {
    assertThat(V201AuthorizationMapping.idTokenType(V201AuthorizationMapping.type(type)))
        .isEqualTo(type);
  }

  @Test
  void aTokenOf16HasNo201Type() {
    assertThatThrownBy(() -> V201AuthorizationMapping.idToken(IdentifierToken.idTag("A")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void idTokenInfoSurvivesARoundTripWithExpiryGroupAndEvses() {
    IdTokenInfo wire =
        new IdTokenInfo(
            null,
            io.kilowire.core.ocpp.v201.AuthorizationStatus.NO_CREDIT,
            EXPIRY,
            null,
            null,
            List.of(1, 2),
            IdToken.of("FLEET", IdTokenType.CENTRAL),
            null,
            null);

    AuthorizationInfo info = V201AuthorizationMapping.info(wire);

    assertThat(info.status()).isEqualTo(AuthorizationStatus.NO_CREDIT);
    assertThat(info.groupToken()).isEqualTo(new IdentifierToken("FLEET", IdentifierType.CENTRAL));
    assertThat(info.evseIds()).containsExactly(1, 2);
    assertThat(V201AuthorizationMapping.idTokenInfo(info)).isEqualTo(wire);
  }

  @Test
  void aLocalListUpdateSurvivesARoundTripThroughTheRequest() {
    LocalListUpdate update =
        LocalListUpdate.differential(
            4,
            List.of(
                LocalListEntry.of(
                    new IdentifierToken("A", IdentifierType.KEY_CODE),
                    AuthorizationInfo.of(AuthorizationStatus.BLOCKED).withExpiry(EXPIRY)),
                LocalListEntry.removal(new IdentifierToken("B", IdentifierType.E_MAID))));

    assertThat(V201AuthorizationMapping.update(V201AuthorizationMapping.request(update)))
        .isEqualTo(update);
  }

  @Test
  void anUpdateWithoutEntriesLeavesTheListOutOfTheRequest() {
    assertThat(
            V201AuthorizationMapping.request(LocalListUpdate.full(2, List.of()))
                .localAuthorizationList())
        .isNull();
  }

  @Test
  void everyRefusalButVersionMismatchIsFailedWithAReason() {
    for (LocalListUpdateResult result : LocalListUpdateResult.values()) {
      SendLocalListStatus status = V201AuthorizationMapping.sendLocalListStatus(result);
      StatusInfo info = V201AuthorizationMapping.statusInfo(result);

      if (result == LocalListUpdateResult.ACCEPTED) {
        assertThat(status).isEqualTo(SendLocalListStatus.ACCEPTED);
      } else if (result == LocalListUpdateResult.VERSION_MISMATCH) {
        assertThat(status).isEqualTo(SendLocalListStatus.VERSION_MISMATCH);
      } else {
        assertThat(status).as(result.name()).isEqualTo(SendLocalListStatus.FAILED);
        assertThat(info).as(result.name()).isNotNull();
      }
    }
  }
}
