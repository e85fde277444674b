package io.kilowire.emulator.control;

import io.kilowire.emulator.station.EmulatedStation;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The stations of a run as the control plane sees them: listed by id whether running or stopped,
 * added from a template, removed, stopped (power off: transactions end, the connection closes) and
 * started again (a new boot, the persisted state kept with {@code --state-dir}).
 */
public interface Fleet {
  /** Every station's id, in the order they were added. */
  List<String> ids();

  /** The running station with this id; empty when unknown or stopped. */
  Optional<EmulatedStation> running(String id);

  boolean exists(String id);

  /** The template a station was made from ("default" for the run's own settings). */
  String template(String id);

  /** The templates {@link #add} accepts. */
  List<String> templates();

  /**
   * Adds and starts {@code count} stations from {@code template} (null: the run's settings).
   *
   * @return their ids
   * @throws FleetException naming the field when the template is unknown or the count too high
   */
  List<String> add(@Nullable String template, int count);

  /** Stops the station if it runs and forgets it. */
  void remove(String id);

  /** Starts a stopped station; nothing when it runs. */
  void start(String id);

  /** Stops a running station; nothing when it is stopped. */
  void stop(String id);

  /**
   * Remembers that station {@code id} connects to {@code url}, so that it does after a stop and
   * start too (the running station moves there by itself).
   */
  void csms(String id, URI url);

  /** Sees every station built from now on, before it starts (to attach observers). */
  void onBuilt(Consumer<EmulatedStation> listener);

  /** Why an operation on the fleet cannot be done, with the request field at fault. */
  final class FleetException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public FleetException(String field, String message) {
      super(message);
      this.field = field;
    }

    public String field() {
      return field;
    }
  }
}
