package io.kilowire.core.ocpp.v21.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.v21.AuthorizationStatus;
import io.kilowire.core.ocpp.v21.IdTokenInfo;
import io.kilowire.core.ocpp.v21.MessageContent;
import io.kilowire.core.ocpp.v21.MessageFormat;
import org.junit.jupiter.api.Test;

/** 2.1's personal messages fitted to the station's text display (V21PersonalMessages). */
class V21PersonalMessagesTest {
  private static IdTokenInfo info(MessageContent message) {
    return new IdTokenInfo(
        AuthorizationStatus.ACCEPTED, null, null, null, "de", null, null, message, null);
  }

  @Test
  void aQrCodeIsLeftOutAndTheVerdictKept() {
    IdTokenInfo fitted =
        V21PersonalMessages.displayable(
            info(new MessageContent(MessageFormat.QRCODE, null, "https://example.com/t", null)));

    assertThat(fitted.personalMessage()).isNull();
    assertThat(fitted.status()).isEqualTo(AuthorizationStatus.ACCEPTED);
    assertThat(fitted.language1()).isEqualTo("de");
  }

  @Test
  void aTextLongerThan512IsCutThereAndAShorterOneStaysAsItIs() {
    String long700 = "x".repeat(700);
    MessageContent cut =
        V21PersonalMessages.displayable(
                info(new MessageContent(MessageFormat.UTF8, "en", long700, null)))
            .personalMessage();
    assertThat(cut.content()).hasSize(512).isEqualTo(long700.substring(0, 512));
    assertThat(cut.language()).isEqualTo("en");

    IdTokenInfo fits = info(new MessageContent(MessageFormat.UTF8, "en", "x".repeat(512), null));
    assertThat(V21PersonalMessages.displayable(fits)).isSameAs(fits);
  }
}
