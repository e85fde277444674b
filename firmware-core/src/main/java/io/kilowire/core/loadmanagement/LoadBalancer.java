package io.kilowire.core.loadmanagement;

import io.kilowire.core.hal.SiteReading;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Shares a site's budget among its EVSEs. Pure and deterministic: the caller passes {@code now},
 * the latest site-meter reading and every EVSE's demand; the balancer keeps only what it needs
 * between steps (last limits for ramping, rotation turns, the demand window). Not thread-safe.
 *
 * <p>TODO(lm): skeleton — the implementation lands on branch {@code lm}.
 */
public final class LoadBalancer {
  private final SiteConfig site;
  private @Nullable DemandResponse demandResponse;

  /**
   * @throws IllegalArgumentException when the site is inconsistent (unknown circuit, cycle, EVSE
   *     ids repeated, budget above the limit ...), with a message naming the field
   */
  public LoadBalancer(SiteConfig site) {
    this.site = site;
  }

  public SiteConfig site() {
    return site;
  }

  /**
   * One decision.
   *
   * @param now the step's instant
   * @param meter the latest site-meter reading, any age (older than {@link
   *     SiteConfig#meterStaleAfter()} counts as none); null = no reading yet. Ignored in STATIC
   *     mode.
   * @param demands one per EVSE of the site; EVSEs not listed count as idle
   */
  public Allocation step(Instant now, @Nullable SiteReading meter, List<EvseDemand> demands) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Sets (or, with null, ends) a demand-response request; applies from the next step. */
  public void demandResponse(@Nullable DemandResponse request) {
    this.demandResponse = request;
  }

  public @Nullable DemandResponse demandResponse() {
    return demandResponse;
  }
}
