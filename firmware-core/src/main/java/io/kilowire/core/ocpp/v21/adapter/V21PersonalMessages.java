package io.kilowire.core.ocpp.v21.adapter;

import io.kilowire.core.ocpp.v21.AuthorizeRequest;
import io.kilowire.core.ocpp.v21.AuthorizeResponse;
import io.kilowire.core.ocpp.v21.IdTokenInfo;
import io.kilowire.core.ocpp.v21.MessageContent;
import io.kilowire.core.ocpp.v21.MessageFormat;
import io.kilowire.core.ocpp.v21.TransactionEventRequest;
import io.kilowire.core.ocpp.v21.TransactionEventResponse;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The personal messages of a 2.1 CSMS's answers (I01: the driver's tariff) as the station's text
 * display can take them through the 2.0.1 adapter. 2.1 allows a QR code and text up to 1024
 * characters where 2.0.1 has neither; either would make the whole Authorize or TransactionEvent
 * answer unreadable and cost the driver the authorization. So a QR code, which a text display
 * cannot show, is left out (the fallback tariff shows instead, I04), and a longer text is shown up
 * to the 512 characters the display path holds; both are logged.
 */
final class V21PersonalMessages {
  private static final Logger LOG = LoggerFactory.getLogger(V21PersonalMessages.class);

  /** The longest message content the 2.0.1 records, and so the display path, hold. */
  static final int DISPLAYABLE = 512;

  private V21PersonalMessages() {}

  static void register(V21Endpoint endpoint) {
    endpoint.amendAnswers(
        AuthorizeRequest.class,
        AuthorizeResponse.class,
        r -> {
          IdTokenInfo info = displayable(r.idTokenInfo());
          return info == r.idTokenInfo()
              ? r
              : new AuthorizeResponse(
                  info,
                  r.certificateStatus(),
                  r.allowedEnergyTransfer(),
                  r.tariff(),
                  r.customData());
        });
    endpoint.amendAnswers(
        TransactionEventRequest.class,
        TransactionEventResponse.class,
        r -> {
          IdTokenInfo info = r.idTokenInfo() == null ? null : displayable(r.idTokenInfo());
          MessageContent updated = displayable(r.updatedPersonalMessage());
          return info == r.idTokenInfo() && updated == r.updatedPersonalMessage()
              ? r
              : new TransactionEventResponse(
                  r.totalCost(),
                  r.chargingPriority(),
                  info,
                  r.transactionLimit(),
                  updated,
                  r.updatedPersonalMessageExtra(),
                  r.customData());
        });
  }

  /** {@code info} with a personal message the display can take; the same object when it is. */
  static IdTokenInfo displayable(IdTokenInfo info) {
    MessageContent message = displayable(info.personalMessage());
    if (Objects.equals(message, info.personalMessage())) {
      return info;
    }
    return new IdTokenInfo(
        info.status(),
        info.cacheExpiryDateTime(),
        info.chargingPriority(),
        info.groupIdToken(),
        info.language1(),
        info.language2(),
        info.evseId(),
        message,
        info.customData());
  }

  /** Null for a QR code; a text cut to {@link #DISPLAYABLE} characters; else {@code m} itself. */
  static @Nullable MessageContent displayable(@Nullable MessageContent m) {
    if (m == null) {
      return null;
    }
    if (m.format() == MessageFormat.QRCODE) {
      LOG.info("a personal message as QR code is not shown on this text display: {}", m.content());
      return null;
    }
    if (m.content().length() <= DISPLAYABLE) {
      return m;
    }
    LOG.info(
        "a personal message of {} characters is shown up to its first {}",
        m.content().length(),
        DISPLAYABLE);
    return new MessageContent(
        m.format(), m.language(), m.content().substring(0, DISPLAYABLE), m.customData());
  }
}
