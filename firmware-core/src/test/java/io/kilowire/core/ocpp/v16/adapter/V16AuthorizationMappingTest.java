package io.kilowire.core.ocpp.v16.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kilowire.core.authorization.AuthorizationInfo;
import io.kilowire.core.authorization.AuthorizationStatus;
import io.kilowire.core.authorization.IdentifierToken;
import io.kilowire.core.authorization.LocalListEntry;
import io.kilowire.core.authorization.LocalListUpdate;
import io.kilowire.core.authorization.LocalListUpdateResult;
import io.kilowire.core.ocpp.model.ConstraintViolation;
import io.kilowire.core.ocpp.v16.IdTagInfo;
import io.kilowire.core.ocpp.v16.UpdateStatus;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class V16AuthorizationMappingTest {
  private static final Instant EXPIRY = Instant.parse("2025-12-31T23:59:59Z");

  @ParameterizedTest
  @EnumSource(io.kilowire.core.ocpp.v16.AuthorizationStatus.class)
  void everyWireStatusSurvivesARoundTrip(io.kilowire.core.ocpp.v16.AuthorizationStatus status) {
    assertThat(V16AuthorizationMapping.status(V16AuthorizationMapping.status(status)))
        .isEqualTo(status);
  }

  @ParameterizedTest
  @EnumSource(
      value = AuthorizationStatus.class,
      names = {
        "NO_CREDIT",
        "NOT_ALLOWED_TYPE_EVSE",
        "NOT_AT_THIS_LOCATION",
        "NOT_AT_THIS_TIME",
        "UNKNOWN"
      })
  void statusesUnknownTo16BecomeInvalid(AuthorizationStatus status) {
    assertThat(V16AuthorizationMapping.status(status))
        .isEqualTo(io.kilowire.core.ocpp.v16.AuthorizationStatus.INVALID);
  }

  @Test
  void idTagInfoSurvivesARoundTripWithExpiryAndParent() {
    IdTagInfo wire =
        new IdTagInfo(EXPIRY, "PARENT-1", io.kilowire.core.ocpp.v16.AuthorizationStatus.ACCEPTED);

    AuthorizationInfo info = V16AuthorizationMapping.info(wire);

    assertThat(info.groupToken()).isEqualTo(IdentifierToken.idTag("PARENT-1"));
    assertThat(info.expiresAt()).isEqualTo(EXPIRY);
    assertThat(V16AuthorizationMapping.idTagInfo(info)).isEqualTo(wire);
  }

  @Test
  void evseRestrictionsAreDroppedFor16() {
    AuthorizationInfo restricted =
        new AuthorizationInfo(AuthorizationStatus.ACCEPTED, null, null, List.of(1));

    assertThat(V16AuthorizationMapping.idTagInfo(restricted))
        .isEqualTo(IdTagInfo.of(io.kilowire.core.ocpp.v16.AuthorizationStatus.ACCEPTED));
  }

  @Test
  void aLocalListUpdateSurvivesARoundTripThroughTheRequest() {
    LocalListUpdate update =
        LocalListUpdate.differential(
            4,
            List.of(
                LocalListEntry.of(
                    IdentifierToken.idTag("A"),
                    AuthorizationInfo.of(AuthorizationStatus.BLOCKED).withExpiry(EXPIRY)),
                LocalListEntry.removal(IdentifierToken.idTag("B"))));

    assertThat(V16AuthorizationMapping.update(V16AuthorizationMapping.request(update)))
        .isEqualTo(update);
  }

  @Test
  void aTokenTooLongFor16IsRefusedByTheRecord() {
    LocalListUpdate update =
        LocalListUpdate.full(
            1,
            List.of(
                LocalListEntry.of(
                    IdentifierToken.idTag("x".repeat(21)), AuthorizationInfo.accepted())));

    assertThatThrownBy(() -> V16AuthorizationMapping.request(update))
        .isInstanceOf(ConstraintViolation.class);
  }

  @Test
  void onlyNotSupportedAndNotEnabledAnswerNotSupported() {
    for (LocalListUpdateResult result : LocalListUpdateResult.values()) {
      boolean notSupported =
          EnumSet.of(LocalListUpdateResult.NOT_SUPPORTED, LocalListUpdateResult.NOT_ENABLED)
              .contains(result);

      assertThat(V16AuthorizationMapping.updateStatus(result) == UpdateStatus.NOT_SUPPORTED)
          .as(result.name())
          .isEqualTo(notSupported);
    }
  }
}
