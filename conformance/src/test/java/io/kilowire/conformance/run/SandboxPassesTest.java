package io.kilowire.conformance.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.conformance.VirtualSandbox;
import io.kilowire.core.ocpp.OcppVersion;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SandboxPassesTest {
  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201", "V21"})
  void everyCaseThatRunsPassesAgainstTheSandbox(OcppVersion version) {
    List<CaseResult> results = VirtualSandbox.run(version);

    String failures =
        results.stream()
            .filter(r -> r.verdict() != Verdict.PASS && r.verdict() != Verdict.NOT_APPLICABLE)
            .map(r -> r.kase().id() + " " + r.verdict() + ": " + r.reason())
            .collect(Collectors.joining("\n"));
    assertThat(failures).isEmpty();
    assertThat(results).anyMatch(r -> r.verdict() == Verdict.PASS);
  }
}
