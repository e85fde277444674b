package io.kilowire.conformance.cases.v16;

import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.script.Step;
import java.util.ArrayList;
import java.util.List;

/** Every OCPP 1.6 Central System case the suite has, profile by profile. */
public final class V16Cases {
  private V16Cases() {}

  public static List<ConformanceCase> all() {
    List<ConformanceCase> all = new ArrayList<>();
    all.addAll(Core.cases());
    all.addAll(LocalAuthList.cases());
    all.addAll(RemoteTrigger.cases());
    all.addAll(SmartCharging.cases());
    all.addAll(Security.cases());
    all.addAll(Reservation.cases());
    all.addAll(FirmwareManagement.cases());
    return all;
  }

  /** Ends a transaction a case left running. */
  public static List<Step> cleanup() {
    return States.cleanup();
  }
}
