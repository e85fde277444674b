package io.kilowire.core.ocpp.v16.adapter;

import io.kilowire.core.authorization.AuthorizationInfo;
import io.kilowire.core.authorization.AuthorizationStatus;
import io.kilowire.core.authorization.IdentifierToken;
import io.kilowire.core.authorization.LocalListEntry;
import io.kilowire.core.authorization.LocalListUpdate;
import io.kilowire.core.authorization.LocalListUpdateResult;
import io.kilowire.core.authorization.LocalListUpdateType;
import io.kilowire.core.ocpp.v16.AuthorizationData;
import io.kilowire.core.ocpp.v16.IdTagInfo;
import io.kilowire.core.ocpp.v16.SendLocalListRequest;
import io.kilowire.core.ocpp.v16.UpdateStatus;
import io.kilowire.core.ocpp.v16.UpdateType;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates between OCPP 1.6 authorization records and the version-free authorization types. Pure
 * functions; building a record runs its schema checks, so a value 1.6 cannot carry (an identifier
 * over 20 characters) fails here with a {@code ConstraintViolation}.
 */
public final class V16AuthorizationMapping {
  private V16AuthorizationMapping() {}

  /** A 1.6 idTag as a token of the implied 1.6 type. */
  public static IdentifierToken token(String idTag) {
    return IdentifierToken.idTag(idTag);
  }

  /** The idTag of a token; 1.6 has no token type, so only the value travels. */
  public static String idTag(IdentifierToken token) {
    return token.value();
  }

  public static AuthorizationInfo info(IdTagInfo info) {
    String parent = info.parentIdTag();
    return new AuthorizationInfo(
        status(info.status()), info.expiryDate(), parent == null ? null : token(parent), List.of());
  }

  /**
   * The IdTagInfo of {@code info}. 1.6 has no EVSE restriction, so {@link
   * AuthorizationInfo#evseIds()} is dropped.
   */
  public static IdTagInfo idTagInfo(AuthorizationInfo info) {
    IdentifierToken group = info.groupToken();
    return new IdTagInfo(
        info.expiresAt(), group == null ? null : idTag(group), status(info.status()));
  }

  public static AuthorizationStatus status(io.kilowire.core.ocpp.v16.AuthorizationStatus status) {
    return switch (status) {
      case ACCEPTED -> AuthorizationStatus.ACCEPTED;
      case BLOCKED -> AuthorizationStatus.BLOCKED;
      case EXPIRED -> AuthorizationStatus.EXPIRED;
      case INVALID -> AuthorizationStatus.INVALID;
      case CONCURRENT_TX -> AuthorizationStatus.CONCURRENT_TX;
    };
  }

  /**
   * The 1.6 status of a version-free one. The 2.0.1-only refusals have no 1.6 spelling; they become
   * Invalid, the generic "may not charge" of 1.6.
   */
  public static io.kilowire.core.ocpp.v16.AuthorizationStatus status(AuthorizationStatus status) {
    return switch (status) {
      case ACCEPTED -> io.kilowire.core.ocpp.v16.AuthorizationStatus.ACCEPTED;
      case BLOCKED -> io.kilowire.core.ocpp.v16.AuthorizationStatus.BLOCKED;
      case EXPIRED -> io.kilowire.core.ocpp.v16.AuthorizationStatus.EXPIRED;
      case CONCURRENT_TX -> io.kilowire.core.ocpp.v16.AuthorizationStatus.CONCURRENT_TX;
      case INVALID,
          NO_CREDIT,
          NOT_ALLOWED_TYPE_EVSE,
          NOT_AT_THIS_LOCATION,
          NOT_AT_THIS_TIME,
          UNKNOWN ->
          io.kilowire.core.ocpp.v16.AuthorizationStatus.INVALID;
    };
  }

  public static LocalListUpdate update(SendLocalListRequest request) {
    List<AuthorizationData> data = request.localAuthorizationList();
    List<LocalListEntry> entries = new ArrayList<>();
    if (data != null) {
      for (AuthorizationData item : data) {
        entries.add(entry(item));
      }
    }
    return new LocalListUpdate(request.listVersion(), type(request.updateType()), entries);
  }

  /** The SendLocalList request carrying {@code update}; what a CSMS (or the emulator's) sends. */
  public static SendLocalListRequest request(LocalListUpdate update) {
    List<AuthorizationData> data = new ArrayList<>();
    for (LocalListEntry entry : update.entries()) {
      data.add(data(entry));
    }
    return new SendLocalListRequest(update.version(), data, updateType(update.type()));
  }

  public static LocalListEntry entry(AuthorizationData data) {
    IdTagInfo info = data.idTagInfo();
    return new LocalListEntry(token(data.idTag()), info == null ? null : info(info));
  }

  public static AuthorizationData data(LocalListEntry entry) {
    AuthorizationInfo info = entry.info();
    return new AuthorizationData(idTag(entry.token()), info == null ? null : idTagInfo(info));
  }

  public static LocalListUpdateType type(UpdateType type) {
    return switch (type) {
      case FULL -> LocalListUpdateType.FULL;
      case DIFFERENTIAL -> LocalListUpdateType.DIFFERENTIAL;
    };
  }

  public static UpdateType updateType(LocalListUpdateType type) {
    return switch (type) {
      case FULL -> UpdateType.FULL;
      case DIFFERENTIAL -> UpdateType.DIFFERENTIAL;
    };
  }

  /**
   * The 1.6 answer to an update (1.6 §6.42): NotSupported for a list the station lacks or has
   * switched off, VersionMismatch as is, Failed for every other refusal.
   */
  public static UpdateStatus updateStatus(LocalListUpdateResult result) {
    return switch (result) {
      case ACCEPTED -> UpdateStatus.ACCEPTED;
      case VERSION_MISMATCH -> UpdateStatus.VERSION_MISMATCH;
      case NOT_SUPPORTED, NOT_ENABLED -> UpdateStatus.NOT_SUPPORTED;
      case TOO_MANY_ENTRIES_IN_MESSAGE,
          LIST_FULL,
          DUPLICATE_TOKEN,
          MISSING_INFO,
          INVALID_VERSION,
          STORAGE_FAILED ->
          UpdateStatus.FAILED;
    };
  }
}
