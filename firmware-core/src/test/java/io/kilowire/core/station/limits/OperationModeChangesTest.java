package io.kilowire.core.station.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.smartcharging.OperationMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the operation mode in force during a transaction (OperationModeChanges)")
class OperationModeChangesTest {
  private final List<Integer> updates = new ArrayList<>();
  private final OperationModeChanges changes = new OperationModeChanges(updates::add);

  @Test
  @DisplayName("unannounced (1.6, 2.0.1): a change of mode sends nothing")
  void withoutAnnouncementsNothingIsSent() {
    changes.observe(1, "tx1", OperationMode.CHARGING_ONLY);
    changes.observe(1, "tx1", OperationMode.EXTERNAL_LIMITS);

    assertThat(updates).isEmpty();
    assertThat(changes.takeChange("tx1")).isEmpty();
  }

  @Test
  @DisplayName("announced: a change during the transaction updates it once, naming the new mode")
  void aChangeDuringTheTransactionUpdatesItOnce() {
    changes.announce();
    changes.observe(1, "tx1", OperationMode.CHARGING_ONLY);
    changes.observe(1, "tx1", OperationMode.CHARGING_ONLY);
    assertThat(updates).isEmpty();

    changes.observe(1, "tx1", OperationMode.IDLE);

    assertThat(updates).containsExactly(1);
    assertThat(changes.takeChange("tx1")).contains(OperationMode.IDLE);
    assertThat(changes.takeChange("tx1")).isEmpty();
  }

  @Test
  @DisplayName("the mode a new transaction starts in is no change, whatever the last one had")
  void aNewTransactionsFirstModeIsNoChange() {
    changes.announce();
    changes.observe(2, "tx1", OperationMode.IDLE);
    changes.observe(2, null, OperationMode.CHARGING_ONLY);
    changes.observe(2, "tx2", OperationMode.EXTERNAL_LIMITS);

    assertThat(updates).isEmpty();
    assertThat(changes.takeChange("tx2")).isEmpty();
  }
}
