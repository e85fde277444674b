package io.kilowire.conformance.cases.v201;

import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.script.Step;
import java.util.ArrayList;
import java.util.List;

/** Every OCPP 2.0.1 CSMS case the suite has, block by block. */
public final class V201Cases {
  private V201Cases() {}

  public static List<ConformanceCase> all() {
    List<ConformanceCase> all = new ArrayList<>();
    all.addAll(Security.cases());
    all.addAll(Provisioning.cases());
    all.addAll(Authorization.cases());
    all.addAll(LocalList.cases());
    all.addAll(Transactions.cases());
    all.addAll(RemoteControl.cases());
    all.addAll(Availability.cases());
    all.addAll(MeterValues.cases());
    all.addAll(SmartCharging.cases());
    all.addAll(DataTransfer.cases());
    all.addAll(CertificateManagement.cases());
    all.addAll(DisplayMessage.cases());
    all.addAll(MonitoringAndCustomers.cases());
    all.addAll(TariffCost.cases());
    all.addAll(Reservation.cases());
    all.addAll(Firmware.cases());
    all.addAll(Diagnostics.cases());
    return all;
  }

  /** Ends a transaction a case left running. */
  public static List<Step> cleanup() {
    return States.cleanup();
  }
}
