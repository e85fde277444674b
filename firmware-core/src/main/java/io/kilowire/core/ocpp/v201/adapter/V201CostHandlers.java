package io.kilowire.core.ocpp.v201.adapter;

import io.kilowire.core.configuration.DeviceModel;
import io.kilowire.core.configuration.V201Variables.TariffCostCtrlr;
import io.kilowire.core.ocpp.rpc.OcppEndpoint;
import io.kilowire.core.ocpp.v201.CostUpdatedRequest;
import io.kilowire.core.ocpp.v201.CostUpdatedResponse;
import io.kilowire.core.station.Station;

/**
 * 2.0.1 tariffs and costs (I01-I03): CostUpdated shows a transaction's running cost on its EVSE's
 * display, in TariffCostCtrlr.Currency, while TariffCostCtrlr.Enabled[Cost] is true; the totals in
 * TransactionEvent answers reach the same display through the transactions room, and the tariffs in
 * personal messages through the authorization room while Enabled[Tariff] is true.
 */
public final class V201CostHandlers {
  private V201CostHandlers() {}

  public static void register(OcppEndpoint session, Station station, DeviceModel model) {
    station
        .cost()
        .configure(
            () -> model.getOrDefault(TariffCostCtrlr.CURRENCY),
            () -> model.getOrDefault(TariffCostCtrlr.COST_ENABLED));
    station.cost().tariffEnabled(() -> model.getOrDefault(TariffCostCtrlr.TARIFF_ENABLED));
    station
        .cost()
        .tariffFallback(() -> model.getOrDefault(TariffCostCtrlr.TARIFF_FALLBACK_MESSAGE));
    station
        .cost()
        .totalCostFallback(() -> model.getOrDefault(TariffCostCtrlr.TOTAL_COST_FALLBACK_MESSAGE));
    session.handle(
        CostUpdatedRequest.class,
        r -> {
          // The answer has no status (I02.FR.02): an unknown transaction is answered all the same.
          station.cost().toldByCsms(r.transactionId(), r.totalCost(), false);
          return new CostUpdatedResponse(null);
        });
  }
}
