package io.kilowire.core.ocpp.v201.adapter;

import io.kilowire.core.authorization.AuthorizationInfo;
import io.kilowire.core.authorization.AuthorizationStatus;
import io.kilowire.core.authorization.IdentifierToken;
import io.kilowire.core.authorization.IdentifierType;
import io.kilowire.core.authorization.LocalListEntry;
import io.kilowire.core.authorization.LocalListUpdate;
import io.kilowire.core.authorization.LocalListUpdateResult;
import io.kilowire.core.authorization.LocalListUpdateType;
import io.kilowire.core.ocpp.v201.AuthorizationData;
import io.kilowire.core.ocpp.v201.IdToken;
import io.kilowire.core.ocpp.v201.IdTokenInfo;
import io.kilowire.core.ocpp.v201.IdTokenType;
import io.kilowire.core.ocpp.v201.SendLocalListRequest;
import io.kilowire.core.ocpp.v201.SendLocalListStatus;
import io.kilowire.core.ocpp.v201.StatusInfo;
import io.kilowire.core.ocpp.v201.Update;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Translates between OCPP 2.0.1 authorization records and the version-free authorization types.
 * Pure functions. Fields that only a display or a CSMS extension use (additionalInfo, languages,
 * personal message, chargingPriority, customData) are not carried into the version-free types:
 * authorization does not depend on them.
 */
public final class V201AuthorizationMapping {
  private V201AuthorizationMapping() {}

  /** The domain's token of a record: the wide one it carries ({@link WideTokens}), or its own. */
  public static IdentifierToken token(IdToken idToken) {
    if (!WideTokens.carries(idToken)) {
      return new IdentifierToken(idToken.idToken(), type(idToken.type()));
    }
    IdentifierType t = IdentifierType.named(WideTokens.type(idToken));
    // A type no version names (2.1 leaves the string open) is keyed as the reader keys it.
    return new IdentifierToken(WideTokens.value(idToken), t != null ? t : IdentifierType.ISO14443);
  }

  /** The record of a domain token; one 2.0.1 cannot hold is carried ({@link WideTokens}). */
  public static IdToken idToken(IdentifierToken token) {
    return WideTokens.record(token.value(), wireType(token.type()));
  }

  /** How {@code type} is spelled on the 2.0.1 and 2.1 wires. */
  static String wireType(IdentifierType type) {
    return switch (type) {
      case DIRECT_PAYMENT -> "DirectPayment";
      case EVCCID -> "EVCCID";
      case VIN -> "VIN";
      default -> idTokenType(type).value();
    };
  }

  public static IdentifierType type(IdTokenType type) {
    return switch (type) {
      case CENTRAL -> IdentifierType.CENTRAL;
      case E_MAID -> IdentifierType.E_MAID;
      case ISO14443 -> IdentifierType.ISO14443;
      case ISO15693 -> IdentifierType.ISO15693;
      case KEY_CODE -> IdentifierType.KEY_CODE;
      case LOCAL -> IdentifierType.LOCAL;
      case MAC_ADDRESS -> IdentifierType.MAC_ADDRESS;
      case NO_AUTHORIZATION -> IdentifierType.NO_AUTHORIZATION;
    };
  }

  /**
   * The 2.0.1 type of a token type.
   *
   * @throws IllegalArgumentException for {@link IdentifierType#ID_TAG}: a 1.6 idTag does not say
   *     what kind of medium it is, and guessing one would put a wrong type on the wire; and for
   *     2.1's types, which 2.0.1 cannot spell ({@link #idToken} carries those)
   */
  public static IdTokenType idTokenType(IdentifierType type) {
    return switch (type) {
      case CENTRAL -> IdTokenType.CENTRAL;
      case E_MAID -> IdTokenType.E_MAID;
      case ISO14443 -> IdTokenType.ISO14443;
      case ISO15693 -> IdTokenType.ISO15693;
      case KEY_CODE -> IdTokenType.KEY_CODE;
      case LOCAL -> IdTokenType.LOCAL;
      case MAC_ADDRESS -> IdTokenType.MAC_ADDRESS;
      case NO_AUTHORIZATION -> IdTokenType.NO_AUTHORIZATION;
      case ID_TAG ->
          throw new IllegalArgumentException("a 1.6 idTag has no OCPP 2.0.1 IdTokenType");
      case DIRECT_PAYMENT, EVCCID, VIN ->
          throw new IllegalArgumentException(type + " is an OCPP 2.1 type, not a 2.0.1 one");
    };
  }

  public static AuthorizationInfo info(IdTokenInfo info) {
    IdToken group = info.groupIdToken();
    List<Integer> evses = info.evseId();
    return new AuthorizationInfo(
        status(info.status()),
        info.cacheExpiryDateTime(),
        group == null ? null : token(group),
        evses == null ? List.of() : evses,
        personalMessage(info));
  }

  /**
   * IdTokenInfo.personalMessage with its translations, which 2.0.1 has no field for: OCA's
   * California pricing paper carries them as customData.personalMessageExtra (MessageContent
   * objects); unreadable entries there are skipped, the message itself still counts.
   */
  static io.kilowire.core.authorization.@Nullable PersonalMessage personalMessage(
      IdTokenInfo info) {
    io.kilowire.core.ocpp.v201.MessageContent message = info.personalMessage();
    if (message == null) {
      return null;
    }
    List<io.kilowire.core.authorization.PersonalMessage.Text> texts = new java.util.ArrayList<>();
    texts.add(text(message));
    if (info.customData() != null
        && info.customData().properties().get("personalMessageExtra") instanceof List<?> extra) {
      for (Object e : extra) {
        if (e instanceof java.util.Map<?, ?> m
            && m.get("content") instanceof String content
            && m.get("format") instanceof String format) {
          try {
            texts.add(
                new io.kilowire.core.authorization.PersonalMessage.Text(
                    io.kilowire.core.authorization.PersonalMessage.Format.valueOf(format),
                    m.get("language") instanceof String language ? language : null,
                    content));
          } catch (IllegalArgumentException unknownFormat) {
            // not a MessageFormatEnumType value: that translation is left out
          }
        }
      }
    }
    List<String> languages = new java.util.ArrayList<>();
    if (info.language1() != null) {
      languages.add(info.language1());
    }
    if (info.language2() != null) {
      languages.add(info.language2());
    }
    return new io.kilowire.core.authorization.PersonalMessage(texts, languages);
  }

  private static io.kilowire.core.authorization.PersonalMessage.Text text(
      io.kilowire.core.ocpp.v201.MessageContent m) {
    return new io.kilowire.core.authorization.PersonalMessage.Text(
        io.kilowire.core.authorization.PersonalMessage.Format.valueOf(m.format().name()),
        m.language(),
        m.content());
  }

  public static IdTokenInfo idTokenInfo(AuthorizationInfo info) {
    IdentifierToken group = info.groupToken();
    return new IdTokenInfo(
        null,
        status(info.status()),
        info.expiresAt(),
        null,
        null,
        info.evseIds().isEmpty() ? null : info.evseIds(),
        group == null ? null : idToken(group),
        null,
        null);
  }

  public static AuthorizationStatus status(io.kilowire.core.ocpp.v201.AuthorizationStatus status) {
    return switch (status) {
      case ACCEPTED -> AuthorizationStatus.ACCEPTED;
      case BLOCKED -> AuthorizationStatus.BLOCKED;
      case CONCURRENT_TX -> AuthorizationStatus.CONCURRENT_TX;
      case EXPIRED -> AuthorizationStatus.EXPIRED;
      case INVALID -> AuthorizationStatus.INVALID;
      case NO_CREDIT -> AuthorizationStatus.NO_CREDIT;
      case NOT_ALLOWED_TYPE_EVSE -> AuthorizationStatus.NOT_ALLOWED_TYPE_EVSE;
      case NOT_AT_THIS_LOCATION -> AuthorizationStatus.NOT_AT_THIS_LOCATION;
      case NOT_AT_THIS_TIME -> AuthorizationStatus.NOT_AT_THIS_TIME;
      case UNKNOWN -> AuthorizationStatus.UNKNOWN;
    };
  }

  public static io.kilowire.core.ocpp.v201.AuthorizationStatus status(AuthorizationStatus status) {
    return switch (status) {
      case ACCEPTED -> io.kilowire.core.ocpp.v201.AuthorizationStatus.ACCEPTED;
      case BLOCKED -> io.kilowire.core.ocpp.v201.AuthorizationStatus.BLOCKED;
      case CONCURRENT_TX -> io.kilowire.core.ocpp.v201.AuthorizationStatus.CONCURRENT_TX;
      case EXPIRED -> io.kilowire.core.ocpp.v201.AuthorizationStatus.EXPIRED;
      case INVALID -> io.kilowire.core.ocpp.v201.AuthorizationStatus.INVALID;
      case NO_CREDIT -> io.kilowire.core.ocpp.v201.AuthorizationStatus.NO_CREDIT;
      case NOT_ALLOWED_TYPE_EVSE ->
          io.kilowire.core.ocpp.v201.AuthorizationStatus.NOT_ALLOWED_TYPE_EVSE;
      case NOT_AT_THIS_LOCATION ->
          io.kilowire.core.ocpp.v201.AuthorizationStatus.NOT_AT_THIS_LOCATION;
      case NOT_AT_THIS_TIME -> io.kilowire.core.ocpp.v201.AuthorizationStatus.NOT_AT_THIS_TIME;
      case UNKNOWN -> io.kilowire.core.ocpp.v201.AuthorizationStatus.UNKNOWN;
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
    return new LocalListUpdate(request.versionNumber(), type(request.updateType()), entries);
  }

  /**
   * The SendLocalList request carrying {@code update}; an update without entries leaves the list
   * out, since the 2.0.1 schema wants at least one element when it is present.
   */
  public static SendLocalListRequest request(LocalListUpdate update) {
    List<AuthorizationData> data = new ArrayList<>();
    for (LocalListEntry entry : update.entries()) {
      data.add(data(entry));
    }
    return new SendLocalListRequest(
        null, data.isEmpty() ? null : data, update.version(), updateType(update.type()));
  }

  public static LocalListEntry entry(AuthorizationData data) {
    IdTokenInfo info = data.idTokenInfo();
    return new LocalListEntry(
        token(data.idToken()), info == null ? null : info(info).withoutPersonalMessage());
  }

  public static AuthorizationData data(LocalListEntry entry) {
    AuthorizationInfo info = entry.info();
    return new AuthorizationData(
        null, idToken(entry.token()), info == null ? null : idTokenInfo(info));
  }

  public static LocalListUpdateType type(Update type) {
    return switch (type) {
      case FULL -> LocalListUpdateType.FULL;
      case DIFFERENTIAL -> LocalListUpdateType.DIFFERENTIAL;
    };
  }

  public static Update updateType(LocalListUpdateType type) {
    return switch (type) {
      case FULL -> Update.FULL;
      case DIFFERENTIAL -> Update.DIFFERENTIAL;
    };
  }

  /**
   * The 2.0.1 answer to an update (D01). 2.0.1 has no NotSupported: a list the station lacks or has
   * switched off answers Failed, with the reason in statusInfo.
   */
  public static SendLocalListStatus sendLocalListStatus(LocalListUpdateResult result) {
    return switch (result) {
      case ACCEPTED -> SendLocalListStatus.ACCEPTED;
      case VERSION_MISMATCH -> SendLocalListStatus.VERSION_MISMATCH;
      case NOT_SUPPORTED,
          NOT_ENABLED,
          TOO_MANY_ENTRIES_IN_MESSAGE,
          LIST_FULL,
          DUPLICATE_TOKEN,
          MISSING_INFO,
          INVALID_VERSION,
          STORAGE_FAILED ->
          SendLocalListStatus.FAILED;
    };
  }

  /**
   * The statusInfo explaining a refused update, using the reason codes of the 2.0.1 appendices;
   * null for Accepted and VersionMismatch, which speak for themselves.
   */
  public static @Nullable StatusInfo statusInfo(LocalListUpdateResult result) {
    String reason =
        switch (result) {
          case ACCEPTED, VERSION_MISMATCH -> null;
          case NOT_SUPPORTED -> "UnsupportedRequest";
          case NOT_ENABLED -> "NotEnabled";
          case TOO_MANY_ENTRIES_IN_MESSAGE -> "TooManyElements";
          case LIST_FULL -> "OutOfStorage";
          case DUPLICATE_TOKEN, MISSING_INFO, INVALID_VERSION -> "InvalidValue";
          case STORAGE_FAILED -> "InternalError";
        };
    return reason == null ? null : new StatusInfo(null, reason, result.name());
  }
}
