package io.kilowire.core.ocpp.v201.adapter;

import io.kilowire.core.station.transactions.TransactionLimits;
import io.kilowire.core.transaction.TransactionLimit;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the 2.0.1 gateway marks on an update reporting a transaction's limits (2.1 E16), which 2.0.1
 * cannot spell: the 2.1 trigger reason (LimitSet, *LimitReached) and the limits as 2.1's
 * transactionLimit holds them (maxCost, maxEnergy in Wh, maxTime in seconds, maxSoC), in the
 * properties of the {@link V201Gateway#TRIGGER_MARKER_VENDOR} customData.
 */
final class V201LimitReportMarks {
  private V201LimitReportMarks() {}

  /** The marker's properties for {@code report}. */
  static Map<String, Object> of(TransactionLimits.Report report) {
    Map<String, Object> marker = new LinkedHashMap<>();
    TransactionLimit limit;
    if (report instanceof TransactionLimits.Reached r) {
      marker.put(V201Gateway.TRIGGER_MARKER_REASON, reached(r.kind()));
      limit = r.limit();
    } else {
      marker.put(V201Gateway.TRIGGER_MARKER_REASON, "LimitSet");
      limit = ((TransactionLimits.LimitSet) report).limit();
    }
    Map<String, Object> limits = new LinkedHashMap<>();
    if (limit.maxCost() != null) {
      limits.put("maxCost", limit.maxCost());
    }
    if (limit.maxEnergyWh() != null) {
      limits.put("maxEnergy", BigDecimal.valueOf(limit.maxEnergyWh()));
    }
    if (limit.maxTime() != null) {
      limits.put("maxTime", BigDecimal.valueOf(limit.maxTime().toSeconds()));
    }
    if (limit.maxSocPercent() != null) {
      limits.put("maxSoC", BigDecimal.valueOf(limit.maxSocPercent()));
    }
    marker.put(V201Gateway.TRIGGER_MARKER_LIMIT, limits);
    return marker;
  }

  /** 2.1's trigger reason for a limit reached. */
  static String reached(TransactionLimit.Kind kind) {
    return switch (kind) {
      case COST -> "CostLimitReached";
      case ENERGY -> "EnergyLimitReached";
      case TIME -> "TimeLimitReached";
      case SOC -> "SoCLimitReached";
    };
  }
}
