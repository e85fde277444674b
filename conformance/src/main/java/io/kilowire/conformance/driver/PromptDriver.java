package io.kilowire.conformance.driver;

import io.kilowire.conformance.script.Json;
import java.io.PrintStream;

/** Prints the instruction for a person at the CSMS, who then makes it act; never fails. */
public final class PromptDriver implements CsmsDriver {
  private final PrintStream out;

  public PromptDriver(PrintStream out) {
    this.out = out;
  }

  @Override
  public void trigger(TriggerRequest request) {
    out.println(
        "  >> "
            + request.caseId()
            + " "
            + request.stationId()
            + ": "
            + request.instruction()
            + " ("
            + request.action()
            + " "
            + Json.text(request.payload())
            + ")");
    out.flush();
  }

  @Override
  public String describe() {
    return "prompt";
  }
}
