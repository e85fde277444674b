package io.kilowire.core.station.display;

import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.station.StationContext;
import io.kilowire.core.station.display.DisplayMessage.Format;
import io.kilowire.core.station.display.DisplayMessage.Priority;
import io.kilowire.core.station.display.DisplayMessage.State;
import io.kilowire.core.store.SnapshotStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The station's display messages (2.0.1 O01-O06): set, replaced by id, read by criteria and cleared
 * by the CSMS, kept across restarts; a message leaves when its end passes or its transaction ends.
 * What the display shows now: an AlwaysFront message alone, else the InFront ones in turn, else the
 * normal cycle, each only within its window and for its station state; messages in turn change
 * every {@link #CYCLE}. The display itself is the hardware's ({@code StationHardware.display}).
 */
public final class DisplayMessages {
  private static final Logger LOG = LoggerFactory.getLogger(DisplayMessages.class);
  static final String SNAPSHOT = "display-messages";

  /** How many messages the station holds (NumberOfDisplayMessages maxLimit). */
  public static final int MAX_MESSAGES = 10;

  /** How long each of several messages in turn stays on the display. */
  public static final Duration CYCLE = Duration.ofSeconds(5);

  /** The formats a text display can show: plain text; no HTML renderer, no browser for URIs. */
  public static final Set<Format> FORMATS = EnumSet.of(Format.ASCII, Format.UTF8);

  /** SetDisplayMessage's statuses. */
  public enum SetStatus {
    ACCEPTED,
    NOT_SUPPORTED_MESSAGE_FORMAT,
    REJECTED,
    NOT_SUPPORTED_PRIORITY,
    NOT_SUPPORTED_STATE,
    UNKNOWN_TRANSACTION
  }

  private final StationContext context;
  private final SnapshotStore snapshots;
  private final Consumer<@Nullable DisplayMessage> display;
  private final Supplier<State> stationState;
  private final Predicate<String> transactionOpen;
  private final Map<Integer, DisplayMessage> messages = new LinkedHashMap<>();
  private @Nullable DisplayMessage shown;
  private int turn;
  private TaskScheduler.@Nullable Cancellable timer;

  /**
   * @param display shows a message, or the station's own screen for null
   * @param stationState the state the station is in now, for messages bound to one
   * @param transactionOpen whether a transaction (the station's id) is still running
   */
  public DisplayMessages(
      StationContext context,
      SnapshotStore snapshots,
      Consumer<@Nullable DisplayMessage> display,
      Supplier<State> stationState,
      Predicate<String> transactionOpen) {
    this.context = context;
    this.snapshots = snapshots;
    this.display = display;
    this.stationState = stationState;
    this.transactionOpen = transactionOpen;
  }

  /** Restores the messages kept and shows what is due. */
  public void start() {
    snapshots
        .read(SNAPSHOT)
        .ifPresent(
            data -> {
              try {
                read(new String(data, StandardCharsets.UTF_8));
              } catch (RuntimeException e) {
                LOG.error("the display messages are damaged; starting without them", e);
                messages.clear();
              }
            });
    refresh();
  }

  public void stop() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }

  /** SetDisplayMessage (O01, O02, O06): the same id replaces a message. */
  public SetStatus set(DisplayMessage message) {
    if (!FORMATS.contains(message.format())) {
      return SetStatus.NOT_SUPPORTED_MESSAGE_FORMAT;
    }
    if (message.transactionId() != null && !transactionOpen.test(message.transactionId())) {
      return SetStatus.UNKNOWN_TRANSACTION;
    }
    boolean replaces = messages.containsKey(message.id());
    if (message.priority() == Priority.ALWAYS_FRONT) {
      // O01.FR.16 / O02.FR.18: a new AlwaysFront message replaces the one set before.
      messages.values().removeIf(m -> m.priority() == Priority.ALWAYS_FRONT);
    }
    if (!replaces && messages.size() >= MAX_MESSAGES) {
      return SetStatus.REJECTED; // O01.FR.11
    }
    messages.put(message.id(), message);
    persist();
    refresh();
    return SetStatus.ACCEPTED;
  }

  /** GetDisplayMessages (O03, O04): every message matching all given criteria. */
  public List<DisplayMessage> find(
      Set<Integer> ids, @Nullable Priority priority, @Nullable State state) {
    prune();
    return messages.values().stream()
        .filter(m -> ids.isEmpty() || ids.contains(m.id()))
        .filter(m -> priority == null || m.priority() == priority)
        .filter(m -> state == null || m.state() == state)
        .toList();
  }

  /** ClearDisplayMessage (O05): false for an unknown id. */
  public boolean clear(int id) {
    if (messages.remove(id) == null) {
      return false;
    }
    persist();
    refresh();
    return true;
  }

  /** The message the display shows now; null while it shows the station's own screen. */
  public @Nullable DisplayMessage shown() {
    return shown;
  }

  /** How many messages are set (DisplayMessageCtrlr.DisplayMessages). */
  public int count() {
    return messages.size();
  }

  /** Chooses what the display shows now and when to look again. */
  void refresh() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
    prune();
    Instant now = context.scheduler().now();
    State state = stationState.get();
    List<DisplayMessage> candidates = List.of();
    for (Priority p : Priority.values()) {
      candidates =
          messages.values().stream()
              .filter(m -> m.priority() == p && m.showable(now, state))
              .toList();
      if (!candidates.isEmpty()) {
        break;
      }
    }
    DisplayMessage next =
        candidates.isEmpty() ? null : candidates.get(Math.floorMod(turn++, candidates.size()));
    if (!Objects.equals(next, shown)) {
      shown = next;
      display.accept(next);
    }
    if (!messages.isEmpty()) {
      // Messages in turn, a window opening or closing, a state or transaction changing: all
      // come to light within one cycle.
      timer = context.scheduler().schedule(CYCLE, this::refresh);
    }
  }

  /** Ends what has ended: a window past its end, a transaction no longer running. */
  private void prune() {
    Instant now = context.scheduler().now();
    boolean removed =
        messages
            .values()
            .removeIf(
                m ->
                    (m.end() != null && !now.isBefore(m.end()))
                        || (m.transactionId() != null && !transactionOpen.test(m.transactionId())));
    if (removed) {
      persist();
    }
  }

  // ------------------------------------------------------------------------------ snapshot

  private static final String HEADER = "kilowire-display-messages 1";

  private void persist() {
    StringBuilder out = new StringBuilder(HEADER);
    for (DisplayMessage m : messages.values()) {
      out.append('\n')
          .append(m.id())
          .append('\t')
          .append(m.priority())
          .append('\t')
          .append(text(m.state()))
          .append('\t')
          .append(text(m.start()))
          .append('\t')
          .append(text(m.end()))
          .append('\t')
          .append(encoded(m.transactionId()))
          .append('\t')
          .append(m.format())
          .append('\t')
          .append(encoded(m.language()))
          .append('\t')
          .append(encoded(m.content()));
    }
    snapshots.write(SNAPSHOT, out.toString().getBytes(StandardCharsets.UTF_8));
  }

  private void read(String text) {
    String[] lines = text.split("\n");
    if (!lines[0].equals(HEADER)) {
      throw new IllegalArgumentException("not a display-message snapshot");
    }
    for (int i = 1; i < lines.length; i++) {
      String[] f = lines[i].split("\t", -1);
      DisplayMessage m =
          new DisplayMessage(
              Integer.parseInt(f[0]),
              Priority.valueOf(f[1]),
              f[2].equals("-") ? null : State.valueOf(f[2]),
              f[3].equals("-") ? null : Instant.parse(f[3]),
              f[4].equals("-") ? null : Instant.parse(f[4]),
              decoded(f[5]),
              Format.valueOf(f[6]),
              decoded(f[7]),
              Objects.requireNonNull(decoded(f[8])));
      messages.put(m.id(), m);
    }
  }

  private static String text(@Nullable Object value) {
    return value == null ? "-" : value.toString();
  }

  private static String encoded(@Nullable String value) {
    return value == null
        ? "-"
        : Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  private static @Nullable String decoded(String field) {
    return field.equals("-")
        ? null
        : new String(Base64.getDecoder().decode(field), StandardCharsets.UTF_8);
  }

  /** All messages, in the order set (for a report of everything). */
  public List<DisplayMessage> all() {
    prune();
    return new ArrayList<>(messages.values());
  }
}
