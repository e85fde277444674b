package io.kilowire.core.loadmanagement;

import static io.kilowire.core.loadmanagement.Sites.T0;
import static io.kilowire.core.loadmanagement.Sites.ev;
import static io.kilowire.core.loadmanagement.Sites.slot;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Limits shared on top of the site's budget: a station maximum or a station-wide constraint. */
class SharedLimitBalancingTest {
  private static LoadBalancer roomySite(EvseSlot... slots) {
    return new LoadBalancer(
        SiteConfig.builder(200).mode(AllocationMode.STATIC).evses(List.of(slots)).build());
  }

  @Test
  void anAmpsLimitIsSharedPerPhaseThroughTheWiring() {
    // two single-phase EVSEs on different phases do not share a phase; the third shares L1
    LoadBalancer lb =
        roomySite(
            slot("a", null, List.of(Phase.L1), 32),
            slot("b", null, List.of(Phase.L2), 32),
            slot("c", null, List.of(Phase.L1), 32));
    Allocation a =
        lb.step(
            T0,
            null,
            List.of(ev("a", T0), ev("b", T0), ev("c", T0)),
            List.of(SharedLimit.amps("station maximum", 16)));

    assertThat(a.limitA("a")).isEqualTo(8.0);
    assertThat(a.limitA("c")).isEqualTo(8.0);
    assertThat(a.limitA("b")).isEqualTo(16.0);
  }

  @Test
  void aWattsLimitCountsThePhasesEachEvDrawsOn() {
    LoadBalancer lb = roomySite(slot("a", 32), slot("b", 32));
    Allocation a =
        lb.step(
            T0,
            null,
            List.of(ev("a", T0, 1, PhaseCurrents.ZERO), ev("b", T0, 3, PhaseCurrents.ZERO)),
            List.of(SharedLimit.watts("external", 9_200)));

    // a x 230 + a x 690 = 9,200 W
    assertThat(a.limitA("a")).isEqualTo(10.0);
    assertThat(a.limitA("b")).isEqualTo(10.0);
  }

  @Test
  void theTighterOfTheSiteBudgetAndASharedLimitHolds() {
    LoadBalancer lb =
        new LoadBalancer(
            SiteConfig.builder(100)
                .mode(AllocationMode.STATIC)
                .staticBudgetA(14)
                .evses(List.of(slot("a", 32), slot("b", 32)))
                .build());

    Allocation loose =
        lb.step(T0, null, List.of(ev("a", T0), ev("b", T0)), List.of(SharedLimit.amps("max", 40)));
    assertThat(loose.limitA("a") + loose.limitA("b")).isEqualTo(14.0);

    Allocation tight =
        lb.step(
            T0.plusSeconds(1),
            null,
            List.of(ev("a", T0), ev("b", T0)),
            List.of(SharedLimit.amps("max", 12)));
    assertThat(tight.limitA("a")).isEqualTo(6.0);
    assertThat(tight.limitA("b")).isEqualTo(6.0);
  }

  @Test
  void aSharedLimitMustBeAFiniteNonNegativeNumber() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SharedLimit.amps("max", -1))
        .hasMessageContaining("max: a shared limit must be finite and >= 0");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SharedLimit.watts("max", Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
