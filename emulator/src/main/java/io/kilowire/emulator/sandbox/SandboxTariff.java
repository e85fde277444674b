package io.kilowire.emulator.sandbox;

import io.kilowire.core.ocpp.v201.MeterValue;
import io.kilowire.core.ocpp.v201.SampledValue;
import io.kilowire.core.ocpp.v201.TransactionEventRequest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.jspecify.annotations.Nullable;

/**
 * The sandbox's price list: energy at {@link #PER_KWH} a kWh, told as the running cost in the
 * answer to each periodic meter value (2.0.1 I02.FR.01, the TransactionEventResponse way rather
 * than CostUpdated) and as the total cost in the answer to a transaction's end (I03.FR.02; 0.00 for
 * a transaction it saw no energy of, I03.FR.04). It learns each transaction's first and last energy
 * register from its events.
 */
final class SandboxTariff {
  /** What a kWh costs in the sandbox's currency. */
  static final BigDecimal PER_KWH = new BigDecimal("0.30");

  private SandboxTariff() {}

  /**
   * The price list as a 2.1 SetDefaultTariff for every EVSE: a 2.1 station prices its transactions
   * with it and reports their cost itself.
   */
  static String defaultTariff() {
    return "{\"evseId\":0,\"tariff\":{\"tariffId\":\"SANDBOX-"
        + PER_KWH.toPlainString()
        + "\",\"currency\":\"EUR\",\"description\":[{\"format\":\"UTF8\",\"language\":"
        + "\"en\",\"content\":\""
        + PER_KWH.toPlainString()
        + " EUR/kWh\"}],\"energy\":{\"prices\":[{\"priceKwh\":"
        + PER_KWH.toPlainString()
        + "}]}}}";
  }

  /**
   * The cost to answer {@code event} with: the running cost for a periodic meter value, the total
   * at the end, else null.
   */
  static @Nullable BigDecimal totalCost(SandboxStation station, TransactionEventRequest event) {
    String id = event.transactionInfo().transactionId();
    BigDecimal wh = energyWh(event);
    if (wh != null) {
      station.firstEnergyWh.putIfAbsent(id, wh);
      station.lastEnergyWh.put(id, wh);
    }
    if (!event.eventType().value().equals("Ended")) {
      boolean periodic = event.triggerReason().value().equals("MeterValuePeriodic");
      return periodic && wh != null ? cost(station.firstEnergyWh.get(id), wh) : null;
    }
    BigDecimal first = station.firstEnergyWh.remove(id);
    BigDecimal last = station.lastEnergyWh.remove(id);
    if (first == null || last == null) {
      return BigDecimal.ZERO.setScale(2);
    }
    return cost(first, last);
  }

  private static BigDecimal cost(BigDecimal firstWh, BigDecimal lastWh) {
    return lastWh
        .subtract(firstWh)
        .max(BigDecimal.ZERO)
        .divide(BigDecimal.valueOf(1000))
        .multiply(PER_KWH)
        .setScale(2, RoundingMode.HALF_UP);
  }

  /** The event's energy register in Wh, if it carries one. */
  private static @Nullable BigDecimal energyWh(TransactionEventRequest event) {
    if (event.meterValue() == null) {
      return null;
    }
    BigDecimal found = null;
    for (MeterValue mv : event.meterValue()) {
      for (SampledValue v : mv.sampledValue()) {
        boolean energy =
            v.measurand() == null || v.measurand().value().equals("Energy.Active.Import.Register");
        if (energy && v.phase() == null) {
          boolean kwh = v.unitOfMeasure() != null && "kWh".equals(v.unitOfMeasure().unit());
          found = kwh ? v.value().multiply(BigDecimal.valueOf(1000)) : v.value();
        }
      }
    }
    return found;
  }
}
