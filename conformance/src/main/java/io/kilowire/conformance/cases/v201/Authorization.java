package io.kilowire.conformance.cases.v201;

import static io.kilowire.conformance.cases.v201.Messages.authorize;
import static io.kilowire.conformance.script.Expect.oneOf;
import static io.kilowire.conformance.script.Verbs.check;
import static io.kilowire.conformance.script.Verbs.exchange;

import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.script.TokenRole;
import java.util.List;

/** Block C, Authorization: token verdicts, the cache, GroupId, the Master Pass. */
public final class Authorization {
  private Authorization() {}

  public static List<ConformanceCase> cases() {
    return List.of(
        Start.of("TC_C_02_CSMS", "Local start: an unknown or invalid token is refused")
            .useCases("C01", "C04", "C06")
            .requirements("C01.FR.07", "C04.FR.01", "C06.FR.04")
            .main(
                exchange(
                    "Authorize",
                    authorize(TokenRole.INVALID),
                    check("idTokenInfo.status", oneOf("Invalid", "Unknown"), "C01.FR.07"))),
        Start.of("TC_C_06_CSMS", "Local start: a blocked token is refused")
            .useCases("C01")
            .requirements("C01.FR.07")
            .main(
                exchange(
                    "Authorize",
                    authorize(TokenRole.BLOCKED),
                    check("idTokenInfo.status", oneOf("Blocked", "Invalid"), "C01.FR.07"))),
        Start.of("TC_C_07_CSMS", "Local start: an expired token is refused")
            .useCases("C01")
            .requirements("C01.FR.07")
            .main(
                exchange(
                    "Authorize",
                    authorize(TokenRole.EXPIRED),
                    check("idTokenInfo.status", oneOf("Expired", "Invalid"), "C01.FR.07"))));
  }
}
