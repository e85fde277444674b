package io.kilowire.core.authorization;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the CSMS wants the EV driver to read about a token (2.0.1 IdTokenInfo.personalMessage, e.g.
 * the driver's tariff, I01): the message in one or more languages, and the languages the driver
 * prefers.
 *
 * @param texts the message (first) and its translations (2.0.1: customData.personalMessageExtra, as
 *     OCA's California pricing paper carries them)
 * @param preferredLanguages the driver's languages, most preferred first (2.0.1 language1,
 *     language2; RFC 5646 codes)
 */
public record PersonalMessage(List<Text> texts, List<String> preferredLanguages) {
  /** The content's format (2.0.1 MessageFormatEnumType). */
  public enum Format {
    ASCII,
    HTML,
    URI,
    UTF8
  }

  /** The message in one language ({@code language} null: unstated). */
  public record Text(Format format, @Nullable String language, String content) {
    public Text {
      Objects.requireNonNull(format, "format");
      Objects.requireNonNull(content, "content");
    }
  }

  public PersonalMessage {
    texts = List.copyOf(texts);
    preferredLanguages = List.copyOf(preferredLanguages);
    if (texts.isEmpty()) {
      throw new IllegalArgumentException("a personal message needs a text");
    }
  }

  /**
   * The text to show: the first in the driver's first preferred language that has one (an exact
   * tag, else the same primary language, "de" for "de-CH"), else the message itself.
   */
  public Text forDriver() {
    for (String wanted : preferredLanguages) {
      for (Text t : texts) {
        if (t.language() != null && t.language().equalsIgnoreCase(wanted)) {
          return t;
        }
      }
      for (Text t : texts) {
        if (t.language() != null && primary(t.language()).equals(primary(wanted))) {
          return t;
        }
      }
    }
    return texts.get(0);
  }

  private static String primary(String tag) {
    int dash = tag.indexOf('-');
    return (dash < 0 ? tag : tag.substring(0, dash)).toLowerCase(Locale.ROOT);
  }
}
