package io.kilowire.emulator.sandbox;

import io.kilowire.core.ocpp.v201.MeterValue;
import io.kilowire.core.ocpp.v201.SampledValue;
import io.kilowire.core.ocpp.v201.TransactionEventRequest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.jspecify.annotations.Nullable;

/**
 * The sandbox's price list: energy at {@link #PER_KWH} a kWh, told as the total cost in the answer
 * to a transaction's end (2.0.1 I03.FR.02; 0.00 for a transaction it saw no energy of, I03.FR.04).
 * It learns each transaction's first and last energy register from its events.
 */
final class SandboxTariff {
  /** What a kWh costs in the sandbox's currency. */
  static final BigDecimal PER_KWH = new BigDecimal("0.30");

  private SandboxTariff() {}

  /** The total to answer {@code event} with: only at the end, else null. */
  static @Nullable BigDecimal totalCost(SandboxStation station, TransactionEventRequest event) {
    String id = event.transactionInfo().transactionId();
    BigDecimal wh = energyWh(event);
    if (wh != null) {
      station.firstEnergyWh.putIfAbsent(id, wh);
      station.lastEnergyWh.put(id, wh);
    }
    if (!event.eventType().value().equals("Ended")) {
      return null;
    }
    BigDecimal first = station.firstEnergyWh.remove(id);
    BigDecimal last = station.lastEnergyWh.remove(id);
    if (first == null || last == null) {
      return BigDecimal.ZERO.setScale(2);
    }
    return last.subtract(first)
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
