package io.kilowire.core.station.reservations;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.station.reservations.ReservationBook.Outcome;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The book alone: reservations for any EVSE fitted into the free EVSEs by connector type. */
class ReservationBookTest {
  private static final Instant LATER = Instant.parse("2026-01-01T01:00:00Z");

  private final Set<Integer> busy = new HashSet<>();
  private final Set<Integer> faulted = new HashSet<>();

  /** EVSE 1 has a Type 2 socket, EVSE 2 a CCS1 plug, EVSE 3 another Type 2. */
  private final ReservationBook book =
      new ReservationBook(
          new ReservationBook.Evses(
              3, faulted::contains, e -> true, busy::contains, e -> e == 2 ? "cCCS1" : "cType2"));

  private static Reservation any(int id, String token, @Nullable String type) {
    return new Reservation(id, null, type, token, "ISO14443", null, LATER);
  }

  @Test
  void aReservationOfATypeTakesTheOnlyFittingEvseAndTheOneForAnyEvseMustUseAnother() {
    busy.add(3);
    book.put(any(1, "ANY", null));
    assertThat(book.outcome(any(2, "CCS", "cCCS1"))).isEqualTo(Outcome.ACCEPTED);
    book.put(any(2, "CCS", "cCCS1"));

    // EVSE 2 is the CCS reservation's, so the one for any EVSE holds EVSE 1: both are Reserved.
    assertThat(book.reserved(1)).isTrue();
    assertThat(book.reserved(2)).isTrue();
    assertThat(book.claim(2, "ANY", null).allowed()).isFalse();
    assertThat(book.claim(1, "ANY", null).reservationId()).isEqualTo(1);
    assertThat(book.claim(2, "CCS", null).reservationId()).isEqualTo(2);
    assertThat(book.claim(1, "STRANGER", null).allowed()).isFalse();
    assertThat(book.outcome(any(3, "MORE", "cType2"))).isEqualTo(Outcome.OCCUPIED);
  }

  @Test
  void aSessionBreaksNoReservationButAFaultDoesAndTheYoungestGoesFirst() {
    book.put(any(1, "A", null));
    book.put(any(2, "B", null));
    book.put(any(3, "C", null));
    busy.add(1);
    assertThat(book.removeBroken()).isEmpty();

    faulted.add(2);
    assertThat(book.removeBroken()).extracting(Reservation::id).containsExactly(3);
    assertThat(book.all()).extracting(Reservation::id).containsExactly(1, 2);
  }

  @Test
  void allFittingEvsesFaultedAnswersFaultedAndAnUnknownTypeIsRejected() {
    faulted.add(2);
    assertThat(book.outcome(any(1, "CCS", "cCCS1"))).isEqualTo(Outcome.FAULTED);
    assertThat(book.outcome(any(2, "X", "cG105"))).isEqualTo(Outcome.REJECTED);
  }
}
