package io.kilowire.core.station.limits;

import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.smartcharging.ChargingProfile;
import io.kilowire.core.smartcharging.DynamicUpdate;
import io.kilowire.core.smartcharging.SmartChargingService;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OCPP 2.1 K28.FR.10: the station asks the CSMS for a Dynamic profile's update once its
 * dynUpdateInterval has passed since the last update, through the {@link Puller} the 2.1 adapter
 * gives; what the CSMS answers is applied like an UpdateDynamicSchedule. One timer, at the earliest
 * pull due. A CSMS that answers without an update (or not at all) is asked again an interval after
 * the question, so a silent CSMS is not asked in a loop and its stale limit ends by the profile's
 * duration.
 */
public final class DynamicPulls {
  private static final Logger LOG = LoggerFactory.getLogger(DynamicPulls.class);

  /** How the station asks for an update: the one the CSMS answered with, empty if none. */
  @FunctionalInterface
  public interface Puller {
    CompletableFuture<Optional<DynamicUpdate>> pull(int profileId);
  }

  private final TaskScheduler scheduler;
  private final SmartChargingService smartCharging;
  private final BiConsumer<Integer, DynamicUpdate> apply;
  private final Map<Integer, Instant> asked = new HashMap<>();
  private @Nullable Puller puller;
  private TaskScheduler.@Nullable Cancellable timer;

  DynamicPulls(
      TaskScheduler scheduler,
      SmartChargingService smartCharging,
      BiConsumer<Integer, DynamicUpdate> apply) {
    this.scheduler = scheduler;
    this.smartCharging = smartCharging;
    this.apply = apply;
  }

  /** Who to ask; null: no one (a 1.6 or 2.0.1 station, or no session yet). */
  void puller(@Nullable Puller next) {
    this.puller = next;
    reschedule();
  }

  /** The profiles or their updates changed: the timer moves to the next pull due. */
  void reschedule() {
    TaskScheduler.cancel(timer);
    timer = null;
    if (puller == null) {
      return;
    }
    List<ChargingProfile> profiles = smartCharging.profiles();
    asked.keySet().retainAll(profiles.stream().map(ChargingProfile::id).toList());
    Instant next = DynamicUpdate.nextPull(profiles, asked);
    if (next != null) {
      Duration wait = Duration.between(scheduler.now(), next);
      timer = scheduler.schedule(wait.isNegative() ? Duration.ZERO : wait, this::pullDue);
    }
  }

  private void pullDue() {
    timer = null;
    Puller to = puller;
    if (to == null) {
      return;
    }
    Instant now = scheduler.now();
    for (int id : DynamicUpdate.pullsDue(smartCharging.profiles(), asked, now)) {
      asked.put(id, now);
      to.pull(id)
          .whenComplete(
              (update, failure) -> {
                if (failure != null) {
                  LOG.warn("PullDynamicScheduleUpdate for profile {}: {}", id, failure.toString());
                } else {
                  update.ifPresent(u -> apply.accept(id, u));
                }
              });
    }
    reschedule();
  }

  void stop() {
    TaskScheduler.cancel(timer);
    timer = null;
  }
}
