package io.kilowire.core.ocpp.v21.adapter;

import io.kilowire.core.configuration.DeviceModel;
import io.kilowire.core.configuration.V201Variables;
import io.kilowire.core.configuration.V21ClockVariables;
import io.kilowire.core.configuration.V21TariffCostVariables;
import io.kilowire.core.ocpp.rpc.OcppCallException;
import io.kilowire.core.ocpp.rpc.RpcSession;
import io.kilowire.core.ocpp.v21.AuthorizationStatus;
import io.kilowire.core.ocpp.v21.AuthorizeRequest;
import io.kilowire.core.ocpp.v21.AuthorizeResponse;
import io.kilowire.core.ocpp.v21.ChangeTransactionTariffRequest;
import io.kilowire.core.ocpp.v21.ChangeTransactionTariffResponse;
import io.kilowire.core.ocpp.v21.ClearTariffsRequest;
import io.kilowire.core.ocpp.v21.ClearTariffsResponse;
import io.kilowire.core.ocpp.v21.ClearTariffsResult;
import io.kilowire.core.ocpp.v21.GetTariffsRequest;
import io.kilowire.core.ocpp.v21.GetTariffsResponse;
import io.kilowire.core.ocpp.v21.SetDefaultTariffRequest;
import io.kilowire.core.ocpp.v21.SetDefaultTariffResponse;
import io.kilowire.core.ocpp.v21.StatusInfo;
import io.kilowire.core.ocpp.v21.TariffAssignment;
import io.kilowire.core.ocpp.v21.TariffChangeStatus;
import io.kilowire.core.ocpp.v21.TariffClearStatus;
import io.kilowire.core.ocpp.v21.TariffGetStatus;
import io.kilowire.core.ocpp.v21.TariffKind;
import io.kilowire.core.ocpp.v21.TariffSetStatus;
import io.kilowire.core.ocpp.v21.Transaction;
import io.kilowire.core.ocpp.v21.TransactionEvent;
import io.kilowire.core.ocpp.v21.TransactionEventRequest;
import io.kilowire.core.ocpp.v21.TriggerReason;
import io.kilowire.core.station.Station;
import io.kilowire.core.station.cost.LocalCost;
import io.kilowire.core.tariff.CostBreakdown;
import io.kilowire.core.tariff.Tariff;
import io.kilowire.core.tariff.TariffBook;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local cost calculation in 2.1 (I07-I12): SetDefaultTariff, GetTariffs, ClearTariffs and
 * ChangeTransactionTariff reach the station's {@link LocalCost}; the tariff of an Authorize answer
 * becomes the driver's; every TransactionEvent names the tariff pricing its transaction, Started
 * and Updated carry the running cost (without periods, I12.FR.02) while TariffCostCtrlr.Enabled
 * [Cost] is true, and Ended the final cost with its periods (I12.FR.01).
 */
public final class V21TariffHandlers {
  private static final Logger LOG = LoggerFactory.getLogger(V21TariffHandlers.class);

  private V21TariffHandlers() {}

  /** Without a device model (a bare station): on, ten prices per component, conditions. */
  private static final TariffBook.Limits DEFAULT_LIMITS = new TariffBook.Limits(10, true);

  public static void register(V21Endpoint endpoint, Station station) {
    LocalCost cost = station.localCost();
    if (!cost.inUse()) {
      cost.use(() -> true, () -> true, () -> DEFAULT_LIMITS);
    }
    RpcSession session = endpoint.session();
    session.handle(
        SetDefaultTariffRequest.class,
        r -> {
          Optional<StatusInfo> refused = refusal(station, cost, r.evseId());
          if (refused.isPresent()) {
            return new SetDefaultTariffResponse(TariffSetStatus.REJECTED, refused.get(), null);
          }
          Tariff tariff = V21TariffMapping.tariff(r.tariff(), "tariff");
          TariffSetStatus status =
              cost.setDefault(r.evseId(), tariff)
                  .map(
                      why ->
                          switch (why) {
                            case TOO_MANY_ELEMENTS -> TariffSetStatus.TOO_MANY_ELEMENTS;
                            case CONDITION_NOT_SUPPORTED -> TariffSetStatus.CONDITION_NOT_SUPPORTED;
                            case DUPLICATE_TARIFF_ID -> TariffSetStatus.DUPLICATE_TARIFF_ID;
                          })
                  .orElse(TariffSetStatus.ACCEPTED);
          return new SetDefaultTariffResponse(status, null, null);
        });
    session.handle(
        GetTariffsRequest.class,
        r -> {
          Optional<StatusInfo> refused = refusal(station, cost, r.evseId());
          if (refused.isPresent()) {
            return new GetTariffsResponse(TariffGetStatus.REJECTED, refused.get(), null, null);
          }
          List<TariffAssignment> found = new ArrayList<>();
          for (TariffBook.Assignment a : cost.defaults(r.evseId())) {
            found.add(
                new TariffAssignment(
                    a.tariffId(), TariffKind.DEFAULT_TARIFF, a.validFrom(), a.evses(), null, null));
          }
          for (LocalCost.DriverTariff d : cost.driverTariffs(r.evseId())) {
            found.add(
                new TariffAssignment(
                    d.tariffId(),
                    TariffKind.DRIVER_TARIFF,
                    null,
                    List.of(d.evse()),
                    List.of(d.idToken()),
                    null));
          }
          return found.isEmpty()
              ? new GetTariffsResponse(TariffGetStatus.NO_TARIFF, null, null, null)
              : new GetTariffsResponse(TariffGetStatus.ACCEPTED, null, found, null);
        });
    session.handle(
        ClearTariffsRequest.class,
        r -> {
          if (r.evseId() != null) {
            Optional<StatusInfo> refused = refusal(station, cost, r.evseId());
            if (refused.isPresent()) {
              return new ClearTariffsResponse(
                  List.of(
                      new ClearTariffsResult(
                          refused.get(), null, TariffClearStatus.REJECTED, null)),
                  null);
            }
          }
          List<ClearTariffsResult> results = new ArrayList<>();
          for (TariffBook.Cleared c : cost.clear(r.tariffIds(), r.evseId())) {
            results.add(
                new ClearTariffsResult(
                    null,
                    c.tariffId(),
                    c.found() ? TariffClearStatus.ACCEPTED : TariffClearStatus.NO_TARIFF,
                    null));
          }
          return new ClearTariffsResponse(results, null);
        });
    session.handle(
        ChangeTransactionTariffRequest.class,
        r -> {
          if (!cost.active()) {
            return new ChangeTransactionTariffResponse(
                TariffChangeStatus.REJECTED, notEnabled(), null);
          }
          Tariff tariff = V21TariffMapping.tariff(r.tariff(), "tariff");
          Optional<Integer> evse = cost.evseOf(r.transactionId());
          LocalCost.Change change =
              evse.isEmpty()
                  ? LocalCost.Change.TX_NOT_FOUND
                  : cost.change(r.transactionId(), tariff, station.meterReading(evse.get()));
          if (change == LocalCost.Change.ACCEPTED) {
            station.afterReply(() -> cost.announceTariffChange(r.transactionId()));
          }
          TariffChangeStatus status =
              switch (change) {
                case ACCEPTED -> TariffChangeStatus.ACCEPTED;
                case TOO_MANY_ELEMENTS -> TariffChangeStatus.TOO_MANY_ELEMENTS;
                case CONDITION_NOT_SUPPORTED -> TariffChangeStatus.CONDITION_NOT_SUPPORTED;
                case TX_NOT_FOUND -> TariffChangeStatus.TX_NOT_FOUND;
                case NO_CURRENCY_CHANGE -> TariffChangeStatus.NO_CURRENCY_CHANGE;
              };
          return new ChangeTransactionTariffResponse(status, null, null);
        });
    endpoint.amend(TransactionEventRequest.class, r -> withCost(r, cost));
    endpoint.readAnswers(
        AuthorizeRequest.class,
        AuthorizeResponse.class,
        (request, answer) -> {
          if (answer.tariff() == null
              || answer.idTokenInfo().status() != AuthorizationStatus.ACCEPTED
              || !cost.active()) {
            return;
          }
          try {
            Tariff tariff = V21TariffMapping.tariff(answer.tariff(), "tariff");
            cost.driverTariff(request.idToken().idToken(), tariff)
                .ifPresent(
                    why ->
                        LOG.warn(
                            "the driver's tariff {} cannot be used here ({}); HandleFailedTariff"
                                + " decides",
                            tariff.id(),
                            why));
          } catch (OcppCallException | IllegalArgumentException e) {
            LOG.warn("the driver's tariff in an Authorize answer is malformed: {}", e.getMessage());
            cost.unusableDriverTariff(request.idToken().idToken(), "UnsupportedParam");
          }
        });
    endpoint.amendAnswers(
        AuthorizeRequest.class,
        AuthorizeResponse.class,
        answer ->
            cost.deauthorizesOnFailedDriverTariff() && !tariffUsable(answer, cost.limits())
                ? deauthorized(answer)
                : answer);
  }

  /**
   * Whether the driver's tariff in an accepting Authorize answer can price the driver's session
   * here; true when there is none to fail (no tariff, or no acceptance).
   */
  static boolean tariffUsable(AuthorizeResponse answer, TariffBook.Limits limits) {
    if (answer.tariff() == null || answer.idTokenInfo().status() != AuthorizationStatus.ACCEPTED) {
      return true;
    }
    try {
      return TariffBook.check(V21TariffMapping.tariff(answer.tariff(), "tariff"), limits).isEmpty();
    } catch (OcppCallException | IllegalArgumentException malformed) {
      return false;
    }
  }

  /**
   * HandleFailedTariff Deauthorize: the token is valid, but the driver cannot be priced at this
   * station, so the answer counts as NotAtThisLocation (which the authorization cache keeps, and an
   * online station asks again for).
   */
  static AuthorizeResponse deauthorized(AuthorizeResponse answer) {
    var i = answer.idTokenInfo();
    LOG.warn(
        "the driver's tariff cannot be used here; HandleFailedTariff Deauthorize: not authorized");
    return new AuthorizeResponse(
        new io.kilowire.core.ocpp.v21.IdTokenInfo(
            AuthorizationStatus.NOT_AT_THIS_LOCATION,
            i.cacheExpiryDateTime(),
            i.chargingPriority(),
            i.groupIdToken(),
            i.language1(),
            i.language2(),
            i.evseId(),
            i.personalMessage(),
            i.customData()),
        answer.certificateStatus(),
        answer.allowedEnergyTransfer(),
        answer.tariff(),
        answer.customData());
  }

  /** The switches and limits from the 2.1 device model (TariffCostCtrlr). */
  public static void configure(Station station, DeviceModel model) {
    station
        .localCost()
        .use(
            () -> model.getOrDefault(V201Variables.TariffCostCtrlr.TARIFF_ENABLED),
            () -> model.getOrDefault(V201Variables.TariffCostCtrlr.COST_ENABLED),
            () ->
                new TariffBook.Limits(
                    model.getOrDefault(V21TariffCostVariables.MAX_ELEMENTS),
                    model.getOrDefault(V21TariffCostVariables.CONDITIONS_SUPPORTED)));
    station
        .localCost()
        .runningCostEvery(() -> model.getOrDefault(V21TariffCostVariables.COST_INTERVAL));
    station
        .localCost()
        .onFailedDriverTariff(
            () ->
                model
                    .getOrDefault(V21TariffCostVariables.HANDLE_FAILED_TARIFF)
                    .equals("CentralCost"));
    model.live(V21TariffCostVariables.PROBLEM, () -> station.localCost().problem());
    station
        .localCost()
        .problemMonitored(
            () ->
                station.monitoring().monitors().stream()
                    .anyMatch(
                        m ->
                            m.type() == io.kilowire.core.station.monitoring.MonitorType.DELTA
                                && m.component().name().equals("TariffCostCtrlr")
                                && m.variable().name().equals("Problem")));
    station
        .localCost()
        .deauthorizeOnFailedDriverTariff(
            () ->
                model
                    .getOrDefault(V21TariffCostVariables.HANDLE_FAILED_TARIFF)
                    .equals("Deauthorize"));
    station
        .localCost()
        .localTime(() -> V21ClockVariables.zone(model.getOrDefault(V21ClockVariables.TIME_ZONE)));
  }

  /** Why a tariff request for {@code evse} is refused before it is read; empty if it is not. */
  private static Optional<StatusInfo> refusal(Station station, LocalCost cost, int evse) {
    if (!cost.active()) {
      return Optional.of(notEnabled());
    }
    if (evse < 0 || evse > station.evseCount()) {
      return Optional.of(new StatusInfo("UnknownEvse", "no EVSE " + evse, null));
    }
    return Optional.empty();
  }

  private static StatusInfo notEnabled() {
    return new StatusInfo(
        "NotEnabled", "local cost calculation is off (TariffCostCtrlr.Enabled[Tariff])", null);
  }

  /** The transaction message with the tariff of its transaction and its cost, where 2.1 asks. */
  private static TransactionEventRequest withCost(TransactionEventRequest r, LocalCost cost) {
    String id = r.transactionInfo().transactionId();
    Optional<String> tariffId = cost.tariffId(id);
    Optional<CostBreakdown> breakdown = cost.cost(id);
    if (tariffId.isEmpty() || breakdown.isEmpty()) {
      return r;
    }
    boolean ended = r.eventType() == TransactionEvent.ENDED;
    if (!ended && !cost.runningCostReported()) {
      return withTariff(r, tariffId.get(), null, r.triggerReason());
    }
    // A periodic update local cost asked for says why it was sent.
    TriggerReason why = r.triggerReason();
    if (why == TriggerReason.METER_VALUE_PERIODIC) {
      why =
          cost.takeUpdateDue(id)
              .map(
                  u ->
                      u == LocalCost.Update.RUNNING_COST
                          ? TriggerReason.RUNNING_COST
                          : TriggerReason.TARIFF_CHANGED)
              .orElse(why);
    }
    return withTariff(r, tariffId.get(), V21TariffMapping.costDetails(breakdown.get(), ended), why);
  }

  private static TransactionEventRequest withTariff(
      TransactionEventRequest r,
      String tariffId,
      io.kilowire.core.ocpp.v21.@org.jspecify.annotations.Nullable CostDetails costDetails,
      TriggerReason triggerReason) {
    Transaction t = r.transactionInfo();
    Transaction info = V21TransactionEvents.info(t, t.operationMode(), tariffId);
    return V21TransactionEvents.with(r, info, costDetails, triggerReason);
  }
}
