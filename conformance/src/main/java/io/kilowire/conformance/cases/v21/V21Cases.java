package io.kilowire.conformance.cases.v21;

import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.cases.v201.V201Cases;
import io.kilowire.conformance.script.Step;
import io.kilowire.core.ocpp.OcppVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every OCPP 2.1 CSMS case the suite has: the 2.0.1 cases 2.1 kept, then 2.1's own. */
public final class V21Cases {
  private V21Cases() {}

  /** The 2.0.1 cases that do not carry over to 2.1 as written, and why. */
  public static final Map<String, String> NOT_CARRIED_OVER = Map.of();

  public static List<ConformanceCase> all() {
    List<ConformanceCase> all = new ArrayList<>();
    for (ConformanceCase c : V201Cases.all()) {
      if (!NOT_CARRIED_OVER.containsKey(c.id())) {
        all.add(c.on(OcppVersion.V21));
      }
    }
    all.addAll(TransactionLimits.cases());
    all.addAll(LocalCost.cases());
    all.addAll(DynamicProfiles.cases());
    all.addAll(DerControl.cases());
    all.addAll(BidirectionalPowerTransfer.cases());
    return all;
  }

  /** Ends a transaction a case left running: as on 2.0.1. */
  public static List<Step> cleanup() {
    return V201Cases.cleanup();
  }
}
