package io.kilowire.core.tariff;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A tariff the station calculates a transaction's cost with (OCPP 2.1 TariffType): prices for
 * energy, charging time, idle time and a fixed fee at the start, each with conditions and taxes,
 * and a minimum and maximum for the whole transaction. A reservation's time and fee are not billed
 * here: a transaction does not know how long its reservation lasted.
 *
 * @param id unique on the station: a tariff with other content has another id
 * @param currency ISO 4217, three upper-case letters
 * @param validFrom when it takes effect as a default tariff; null for at once
 * @param description what the driver is shown, in one or more languages
 */
public record Tariff(
    String id,
    String currency,
    @Nullable Instant validFrom,
    List<Description> description,
    @Nullable TariffComponent energy,
    @Nullable TariffComponent chargingTime,
    @Nullable TariffComponent idleTime,
    @Nullable TariffComponent fixedFee,
    @Nullable Price minCost,
    @Nullable Price maxCost) {
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  /** A text for the driver, in a language (RFC 5646; null when the tariff does not say). */
  public record Description(@Nullable String language, String text) {
    public Description {
      Objects.requireNonNull(text, "text");
    }
  }

  public Tariff {
    Objects.requireNonNull(id, "id");
    if (id.isEmpty() || id.length() > 60) {
      throw new IllegalArgumentException("a tariff id has 1 to 60 characters: " + id);
    }
    if (!CURRENCY.matcher(currency).matches()) {
      throw new IllegalArgumentException("currency is not an ISO 4217 code: " + currency);
    }
    description = List.copyOf(description);
  }

  /** The components it prices with, in the order fixed, energy, charging time, idle time. */
  public Stream<TariffComponent> components() {
    return Stream.of(fixedFee, energy, chargingTime, idleTime).filter(Objects::nonNull);
  }

  /** The most prices any one component has. */
  public int mostElements() {
    return components().mapToInt(c -> c.prices().size()).max().orElse(0);
  }

  /** Whether any price has conditions. */
  public boolean conditional() {
    return components().anyMatch(TariffComponent::conditional);
  }

  /** The description in {@code language} if the tariff has it, else its first; null for none. */
  public @Nullable String describe(@Nullable String language) {
    return description.stream()
        .filter(d -> language != null && language.equalsIgnoreCase(d.language()))
        .findFirst()
        .or(() -> description.stream().findFirst())
        .map(Description::text)
        .orElse(null);
  }
}
