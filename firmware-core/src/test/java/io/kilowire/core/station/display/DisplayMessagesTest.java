package io.kilowire.core.station.display;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.json.JsonFrameCodec;
import io.kilowire.core.ocpp.v201.adapter.V201Gateway;
import io.kilowire.core.scheduling.VirtualScheduler;
import io.kilowire.core.station.SessionHolder;
import io.kilowire.core.station.StationContext;
import io.kilowire.core.station.StationIdentity;
import io.kilowire.core.station.StationParameters;
import io.kilowire.core.station.display.DisplayMessage.Format;
import io.kilowire.core.station.display.DisplayMessage.Priority;
import io.kilowire.core.station.display.DisplayMessage.State;
import io.kilowire.core.station.display.DisplayMessages.SetStatus;
import io.kilowire.core.store.MemorySnapshotStore;
import io.kilowire.core.testing.FakeHardware;
import io.kilowire.core.testing.StationScenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The display-message room alone, in virtual time: what the display shows, and when. */
class DisplayMessagesTest {
  private final VirtualScheduler clock = new VirtualScheduler(StationScenario.T0);
  private final MemorySnapshotStore snapshots = new MemorySnapshotStore();
  private final List<@Nullable String> shown = new ArrayList<>();
  private final Set<String> transactions = new HashSet<>();
  private State state = State.IDLE;
  private DisplayMessages display = room();

  private DisplayMessages room() {
    DisplayMessages room =
        new DisplayMessages(
            new StationContext(
                1,
                StationParameters.Fixed.defaults(),
                clock,
                new V201Gateway(
                    new SessionHolder(),
                    new JsonFrameCodec(),
                    new StationIdentity("K", "M", "S", "1")),
                new FakeHardware(clock),
                () -> false,
                () -> false),
            snapshots,
            m -> shown.add(m == null ? null : m.content()),
            () -> state,
            transactions::contains);
    room.start();
    return room;
  }

  private static DisplayMessage message(int id, Priority priority, String text) {
    return new DisplayMessage(id, priority, null, null, null, null, Format.UTF8, "en", text);
  }

  private @Nullable String now() {
    DisplayMessage m = display.shown();
    return m == null ? null : m.content();
  }

  @Test
  void anAlwaysFrontMessageIsShownAloneAndANewOneReplacesIt() {
    assertThat(display.set(message(1, Priority.NORMAL_CYCLE, "Welcome")))
        .isEqualTo(SetStatus.ACCEPTED);
    assertThat(display.set(message(2, Priority.ALWAYS_FRONT, "Out of order soon")))
        .isEqualTo(SetStatus.ACCEPTED);
    clock.advance(Duration.ofSeconds(30));
    assertThat(now()).isEqualTo("Out of order soon");
    assertThat(shown).containsOnly("Welcome", "Out of order soon");

    display.set(message(3, Priority.ALWAYS_FRONT, "Closed tonight"));
    assertThat(now()).isEqualTo("Closed tonight");
    assertThat(display.find(Set.of(), null, null))
        .extracting(DisplayMessage::id)
        .containsExactly(1, 3);
  }

  @Test
  void inFrontMessagesTakeTurnsBeforeTheNormalCycle() {
    display.set(message(1, Priority.NORMAL_CYCLE, "Welcome"));
    display.set(message(2, Priority.IN_FRONT, "A"));
    display.set(message(3, Priority.IN_FRONT, "B"));
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      seen.add(now());
      clock.advance(DisplayMessages.CYCLE);
    }
    assertThat(seen).contains("A", "B").doesNotContain("Welcome");

    display.clear(2);
    display.clear(3);
    assertThat(now()).isEqualTo("Welcome");
    assertThat(display.clear(3)).isFalse();
  }

  @Test
  void aMessageShowsOnlyWithinItsWindowAndLeavesAfterIt() {
    Instant start = clock.now().plus(Duration.ofMinutes(1));
    display.set(
        new DisplayMessage(
            1,
            Priority.IN_FRONT,
            null,
            start,
            start.plus(Duration.ofMinutes(2)),
            null,
            Format.ASCII,
            null,
            "Happy hour"));
    assertThat(now()).isNull();
    clock.advance(Duration.ofSeconds(65));
    assertThat(now()).isEqualTo("Happy hour");
    clock.advance(Duration.ofMinutes(2));
    assertThat(now()).isNull();
    assertThat(display.find(Set.of(), null, null)).isEmpty();
  }

  @Test
  void aMessageForAStateShowsOnlyInIt() {
    display.set(
        new DisplayMessage(
            1,
            Priority.IN_FRONT,
            State.CHARGING,
            null,
            null,
            null,
            Format.UTF8,
            null,
            "Charging…"));
    assertThat(now()).isNull();
    state = State.CHARGING;
    clock.advance(DisplayMessages.CYCLE);
    assertThat(now()).isEqualTo("Charging…");
    assertThat(display.find(Set.of(), null, State.IDLE)).isEmpty();
    assertThat(display.find(Set.of(), Priority.IN_FRONT, State.CHARGING)).hasSize(1);
  }

  @Test
  void aTransactionsMessageNeedsItRunningAndLeavesWithIt() {
    DisplayMessage cost =
        new DisplayMessage(
            1, Priority.IN_FRONT, null, null, null, "tx-1", Format.UTF8, "en", "1.20 EUR so far");
    assertThat(display.set(cost)).isEqualTo(SetStatus.UNKNOWN_TRANSACTION);
    transactions.add("tx-1");
    assertThat(display.set(cost)).isEqualTo(SetStatus.ACCEPTED);
    assertThat(now()).isEqualTo("1.20 EUR so far");

    transactions.remove("tx-1");
    clock.advance(DisplayMessages.CYCLE);
    assertThat(now()).isNull();
    assertThat(display.count()).isZero();
  }

  @Test
  void formatsTheDisplayCannotShowAndAFullStoreAreRefused() {
    assertThat(
            display.set(
                new DisplayMessage(
                    1,
                    Priority.NORMAL_CYCLE,
                    null,
                    null,
                    null,
                    null,
                    Format.HTML,
                    null,
                    "<b>x</b>")))
        .isEqualTo(SetStatus.NOT_SUPPORTED_MESSAGE_FORMAT);
    for (int id = 1; id <= DisplayMessages.MAX_MESSAGES; id++) {
      assertThat(display.set(message(id, Priority.NORMAL_CYCLE, "m" + id)))
          .isEqualTo(SetStatus.ACCEPTED);
    }
    assertThat(display.set(message(99, Priority.NORMAL_CYCLE, "one too many")))
        .isEqualTo(SetStatus.REJECTED);
    assertThat(display.set(message(4, Priority.NORMAL_CYCLE, "replaced")))
        .as("O06: the same id replaces, even when full")
        .isEqualTo(SetStatus.ACCEPTED);
    assertThat(display.find(Set.of(4), null, null))
        .extracting(DisplayMessage::content)
        .containsExactly("replaced");
  }

  @Test
  void messagesSurviveARestart() {
    display.set(
        new DisplayMessage(
            7,
            Priority.IN_FRONT,
            State.IDLE,
            null,
            clock.now().plus(Duration.ofDays(1)),
            null,
            Format.UTF8,
            "de-DE",
            "Willkommen\tzurück"));
    display.stop();
    display = room();
    assertThat(display.find(Set.of(), null, null))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.id()).isEqualTo(7);
              assertThat(m.language()).isEqualTo("de-DE");
              assertThat(m.content()).isEqualTo("Willkommen\tzurück");
              assertThat(m.state()).isEqualTo(State.IDLE);
            });
    assertThat(now()).isEqualTo("Willkommen\tzurück");
  }
}
