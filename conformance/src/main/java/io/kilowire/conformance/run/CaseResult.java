package io.kilowire.conformance.run;

import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.wire.StationSide;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The verdict of one case and the evidence for it.
 *
 * @param reason why it is not a PASS; empty for a PASS
 * @param requirement the requirement the failed check stands for; empty when none
 * @param observed the CSMS frame the failed step judged (its answer, its CALL, the frame breaking
 *     its schema); null when there was none, e.g. no answer came
 * @param failedIn the phase of the step that decided the verdict; null for a PASS or a case not run
 * @param stationId the station it played; empty when not run
 */
public record CaseResult(
    ConformanceCase kase,
    Verdict verdict,
    String reason,
    String requirement,
    @Nullable String observed,
    @Nullable Phase failedIn,
    String stationId,
    List<StepRecord> steps,
    List<StationSide.WireFrame> frames,
    Duration duration) {

  public CaseResult {
    steps = List.copyOf(steps);
    frames = List.copyOf(frames);
  }

  /** A case not run: not applicable for {@code reason}. */
  public static CaseResult notApplicable(ConformanceCase kase, String reason) {
    return new CaseResult(
        kase,
        Verdict.NOT_APPLICABLE,
        reason,
        "",
        null,
        null,
        "",
        List.of(),
        List.of(),
        Duration.ZERO);
  }

  /** Whether the case FAILed in its own scenario (not while reaching its starting state). */
  public boolean failedInScenario() {
    return verdict == Verdict.FAIL && failedIn == Phase.MAIN;
  }
}
