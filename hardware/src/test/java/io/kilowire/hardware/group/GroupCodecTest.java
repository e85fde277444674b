package io.kilowire.hardware.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kilowire.core.loadmanagement.Phase;
import io.kilowire.core.loadmanagement.group.DemandReport;
import io.kilowire.core.loadmanagement.group.GroupAllocation;
import io.kilowire.core.loadmanagement.group.MemberState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupCodecTest {
  private static final String GROUP =
      """
      {"siteLimitA":32,"marginA":2,"controller":"a","heartbeatMs":500,
       "members":[
        {"id":"a","endpoint":"coap://127.0.0.1:5701","maxA":32,"safeShareA":%s},
        {"id":"b","endpoint":"coap://127.0.0.1:5702","maxA":16,"safeShareA":10,
         "wiring":["L2"],"evMaxA":16}]}
      """;

  @Test
  void readsTheGroupFileWithItsDefaults() {
    GroupCodec.GroupFile f = GroupCodec.readConfig(GROUP.formatted("20"));
    assertThat(f.config().budgetA()).isEqualTo(30);
    assertThat(f.config().heartbeat()).isEqualTo(Duration.ofMillis(500));
    assertThat(f.config().controllerSilentAfter()).isEqualTo(Duration.ofSeconds(3));
    assertThat(f.config().responseWindow()).isEqualTo(Duration.ofSeconds(5));
    assertThat(f.config().member("a").wiring()).containsExactly(Phase.L1, Phase.L2, Phase.L3);
    assertThat(f.config().member("b").wiring()).containsExactly(Phase.L2);
    assertThat(f.evMaxA()).containsEntry("a", 0.0).containsEntry("b", 16.0);
  }

  @Test
  void aGroupWhoseSafeSharesCouldOverloadTheSiteIsRefused() {
    // a's 21 A and b's 10 A meet on L2: 31 A > 32 - 2.
    assertThatThrownBy(() -> GroupCodec.readConfig(GROUP.formatted("21")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("members[*].safeShareA")
        .hasMessageContaining("on L2");
    assertThatThrownBy(() -> GroupCodec.readConfig(GROUP.formatted("\"x\"")))
        .hasMessageContaining("members[0].safeShareA");
  }

  @Test
  void allocationsAndReportsRoundTrip() {
    GroupAllocation a = new GroupAllocation("a", 7, 42, "b", 16.5, Duration.ofMillis(3000));
    assertThat(new String(GroupCodec.allocation(a), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"controller\":\"a\",\"epoch\":7,\"seq\":42,\"member\":\"b\",\"limitA\":16.5,"
                + "\"validForMs\":3000}");
    assertThat(GroupCodec.allocation(GroupCodec.allocation(a))).isEqualTo(a);
    DemandReport r = new DemandReport("b", 7, 42, MemberState.FOLLOWING, 16, 20, true, 32, 15.5);
    assertThat(GroupCodec.report(GroupCodec.report(r))).isEqualTo(r);
  }

  @Test
  void malformedPayloadsNameTheField() {
    for (String bad :
        List.of(
            "nope",
            "[]",
            "{\"controller\":\"a\",\"epoch\":1.5,\"seq\":1,\"member\":\"b\",\"limitA\":1,\"validForMs\":1}",
            "{\"controller\":\"a\",\"epoch\":1,\"seq\":1,\"member\":\"b\",\"limitA\":-1,\"validForMs\":1}")) {
      assertThatThrownBy(() -> GroupCodec.allocation(bad.getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(
            () ->
                GroupCodec.report(
                    "{\"member\":\"b\",\"epoch\":1,\"seq\":1,\"state\":\"ASLEEP\"}"
                        .getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("state");
  }
}
