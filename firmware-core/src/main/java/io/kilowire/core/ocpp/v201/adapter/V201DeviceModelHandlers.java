package io.kilowire.core.ocpp.v201.adapter;

import io.kilowire.core.configuration.AttributeType;
import io.kilowire.core.configuration.ComponentId;
import io.kilowire.core.configuration.DeviceModel;
import io.kilowire.core.configuration.DeviceVariable;
import io.kilowire.core.configuration.Key;
import io.kilowire.core.configuration.V201Variables.DeviceDataCtrlr;
import io.kilowire.core.configuration.ValueType;
import io.kilowire.core.configuration.VariableId;
import io.kilowire.core.configuration.WriteResult;
import io.kilowire.core.ocpp.rpc.ErrorCode;
import io.kilowire.core.ocpp.rpc.OcppCallException;
import io.kilowire.core.ocpp.v201.Attribute;
import io.kilowire.core.ocpp.v201.Component;
import io.kilowire.core.ocpp.v201.Data;
import io.kilowire.core.ocpp.v201.EVSE;
import io.kilowire.core.ocpp.v201.GenericDeviceModelStatus;
import io.kilowire.core.ocpp.v201.GetBaseReportRequest;
import io.kilowire.core.ocpp.v201.GetBaseReportResponse;
import io.kilowire.core.ocpp.v201.GetVariableData;
import io.kilowire.core.ocpp.v201.GetVariableResult;
import io.kilowire.core.ocpp.v201.GetVariableStatus;
import io.kilowire.core.ocpp.v201.GetVariablesRequest;
import io.kilowire.core.ocpp.v201.GetVariablesResponse;
import io.kilowire.core.ocpp.v201.Mutability;
import io.kilowire.core.ocpp.v201.NotifyReportRequest;
import io.kilowire.core.ocpp.v201.ReportBase;
import io.kilowire.core.ocpp.v201.ReportData;
import io.kilowire.core.ocpp.v201.SetVariableData;
import io.kilowire.core.ocpp.v201.SetVariableResult;
import io.kilowire.core.ocpp.v201.SetVariableStatus;
import io.kilowire.core.ocpp.v201.SetVariablesRequest;
import io.kilowire.core.ocpp.v201.SetVariablesResponse;
import io.kilowire.core.ocpp.v201.StatusInfo;
import io.kilowire.core.ocpp.v201.Variable;
import io.kilowire.core.ocpp.v201.VariableAttribute;
import io.kilowire.core.ocpp.v201.VariableCharacteristics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GetVariables, SetVariables and GetBaseReport over a station's device model.
 *
 * <p>An address resolves in three steps, each with its own status: the component (name, instance,
 * EVSE and connector must all match), then the variable (name and instance), then the attribute
 * (absent means Actual).
 */
public final class V201DeviceModelHandlers {
  private static final Logger LOG = LoggerFactory.getLogger(V201DeviceModelHandlers.class);

  /** What SummaryInventory reports: the state of each component and anything wrong with it. */
  static final Set<String> SUMMARY_VARIABLES =
      Set.of("AvailabilityState", "Problem", "Tripped", "Overload", "Fallback");

  private static final int MAX_REPORTED_VALUE = 2500;
  private static final int MAX_VALUES_LIST = 1000;
  private static final int MAX_UNIT = 16;
  private static final int MAX_ADDITIONAL_INFO = 512;

  private final DeviceModel model;

  public V201DeviceModelHandlers(DeviceModel model) {
    this.model = model;
  }

  /**
   * One result per requested item, in request order.
   *
   * @throws OcppCallException OccurrenceConstraintViolation when the request holds more items than
   *     ItemsPerMessage[GetVariables]
   */
  public GetVariablesResponse getVariables(GetVariablesRequest request) {
    checkItems(request.getVariableData().size(), DeviceDataCtrlr.ITEMS_PER_MESSAGE_GET_VARIABLES);
    List<GetVariableResult> results = new ArrayList<>();
    for (GetVariableData item : request.getVariableData()) {
      results.add(getVariable(item));
    }
    return new GetVariablesResponse(null, results);
  }

  /**
   * One result per item, in request order; items are applied one after another, so a later item
   * sees an earlier one's effect (a MaxSet raised before the Actual that needs it).
   *
   * @throws OcppCallException OccurrenceConstraintViolation when the request holds more items than
   *     ItemsPerMessage[SetVariables]
   */
  public SetVariablesResponse setVariables(SetVariablesRequest request) {
    checkItems(request.setVariableData().size(), DeviceDataCtrlr.ITEMS_PER_MESSAGE_SET_VARIABLES);
    List<SetVariableResult> results = new ArrayList<>();
    for (SetVariableData item : request.setVariableData()) {
      results.add(setVariable(item));
    }
    return new SetVariablesResponse(null, results);
  }

  /**
   * The response and the NotifyReport pages: FullInventory reports every variable,
   * ConfigurationInventory those with a writable attribute, SummaryInventory the availability and
   * problem variables. Pages hold at most ItemsPerMessage[GetReport] variables, are numbered from
   * 0, and all but the last carry {@code tbc = true}.
   */
  public BaseReport getBaseReport(GetBaseReportRequest request, Instant generatedAt) {
    List<ReportData> data = new ArrayList<>();
    for (DeviceVariable<?> variable : model.variables()) {
      if (selected(variable, request.reportBase())) {
        data.add(reportData(variable));
      }
    }
    if (data.isEmpty()) {
      return new BaseReport(
          GetBaseReportResponse.of(GenericDeviceModelStatus.EMPTY_RESULT_SET), List.of());
    }
    List<NotifyReportRequest> pages = reportPages(request.requestId(), generatedAt, data);
    return new BaseReport(GetBaseReportResponse.of(GenericDeviceModelStatus.ACCEPTED), pages);
  }

  /** The report data as NotifyReport pages of ItemsPerMessageGetReport each, numbered from 0. */
  private List<NotifyReportRequest> reportPages(
      int requestId, Instant generatedAt, List<ReportData> data) {
    int perPage = Math.max(1, model.getOrDefault(DeviceDataCtrlr.ITEMS_PER_MESSAGE_GET_REPORT));
    List<NotifyReportRequest> pages = new ArrayList<>();
    for (int from = 0, seqNo = 0; from < data.size(); from += perPage, seqNo++) {
      int to = Math.min(data.size(), from + perPage);
      pages.add(
          new NotifyReportRequest(
              null, requestId, generatedAt, data.subList(from, to), to < data.size(), seqNo));
    }
    return pages;
  }

  /**
   * GetReport (B08): the variables of the components the criteria select (a component whose Active
   * / Available / Enabled variable is true or absent, whose Problem is true; any of them,
   * B08.FR.13) among the component variables asked for (B08.FR.20-25), as NotifyReport pages.
   */
  public GetReport getReport(
      io.kilowire.core.ocpp.v201.GetReportRequest request, Instant generatedAt) {
    List<io.kilowire.core.ocpp.v201.ComponentVariable> wanted =
        request.componentVariable() == null ? List.of() : request.componentVariable();
    checkItems(wanted.size(), DeviceDataCtrlr.ITEMS_PER_MESSAGE_GET_REPORT);
    List<io.kilowire.core.ocpp.v201.ComponentCriterion> criteria =
        request.componentCriteria() == null ? List.of() : request.componentCriteria();
    List<ReportData> data = new ArrayList<>();
    for (DeviceVariable<?> variable : model.variables()) {
      boolean asked =
          wanted.isEmpty()
              || wanted.stream()
                  .anyMatch(
                      w ->
                          V201ComponentSelection.selects(
                              w, variable.component(), variable.variable()));
      if (asked
          && (criteria.isEmpty()
              || criteria.stream().anyMatch(c -> meets(variable.component(), c)))) {
        data.add(reportData(variable));
      }
    }
    if (data.isEmpty()) {
      return new GetReport(
          new io.kilowire.core.ocpp.v201.GetReportResponse(
              null, GenericDeviceModelStatus.EMPTY_RESULT_SET, null),
          List.of());
    }
    List<NotifyReportRequest> pages = reportPages(request.requestId(), generatedAt, data);
    return new GetReport(
        new io.kilowire.core.ocpp.v201.GetReportResponse(
            null, GenericDeviceModelStatus.ACCEPTED, null),
        pages);
  }

  /** GetReport's answer and the NotifyReport pages that follow it. */
  public record GetReport(
      io.kilowire.core.ocpp.v201.GetReportResponse response, List<NotifyReportRequest> reports) {}

  /** B08.FR.07-10: whether {@code component} meets a criterion. */
  private boolean meets(
      io.kilowire.core.configuration.ComponentId component,
      io.kilowire.core.ocpp.v201.ComponentCriterion criterion) {
    String name =
        switch (criterion) {
          case ACTIVE -> "Active";
          case AVAILABLE -> "Available";
          case ENABLED -> "Enabled";
          case PROBLEM -> "Problem";
        };
    Optional<DeviceVariable<?>> v = model.find(component, new VariableId(name, null));
    if (v.isEmpty()) {
      return criterion != io.kilowire.core.ocpp.v201.ComponentCriterion.PROBLEM;
    }
    Key<?> key = v.get().actual();
    return key.mutability().readable() && "true".equals(model.configuration().text(key));
  }

  private GetVariableResult getVariable(GetVariableData item) {
    Resolved found = resolve(item.component(), item.variable(), item.attributeType());
    GetVariableStatus status =
        switch (found.outcome()) {
          case UNKNOWN_COMPONENT -> GetVariableStatus.UNKNOWN_COMPONENT;
          case UNKNOWN_VARIABLE -> GetVariableStatus.UNKNOWN_VARIABLE;
          case UNSUPPORTED_ATTRIBUTE -> GetVariableStatus.NOT_SUPPORTED_ATTRIBUTE_TYPE;
          case FOUND -> GetVariableStatus.ACCEPTED;
        };
    if (status != GetVariableStatus.ACCEPTED || found.key() == null) {
      return result(item, status, null, null);
    }
    Key<?> key = found.key();
    if (!key.mutability().readable()) {
      return result(item, GetVariableStatus.REJECTED, null, StatusInfo.of("WriteOnly"));
    }
    String value = model.configuration().text(key);
    if (value.length() > MAX_REPORTED_VALUE) {
      return result(item, GetVariableStatus.REJECTED, null, StatusInfo.of("ValueTooLarge"));
    }
    return result(item, GetVariableStatus.ACCEPTED, value, null);
  }

  private static GetVariableResult result(
      GetVariableData item,
      GetVariableStatus status,
      @Nullable String value,
      @Nullable StatusInfo info) {
    return new GetVariableResult(
        null, info, status, item.attributeType(), value, item.component(), item.variable());
  }

  private SetVariableResult setVariable(SetVariableData item) {
    Resolved found = resolve(item.component(), item.variable(), item.attributeType());
    SetVariableStatus status;
    StatusInfo info = null;
    switch (found.outcome()) {
      case UNKNOWN_COMPONENT -> status = SetVariableStatus.UNKNOWN_COMPONENT;
      case UNKNOWN_VARIABLE -> status = SetVariableStatus.UNKNOWN_VARIABLE;
      case UNSUPPORTED_ATTRIBUTE -> status = SetVariableStatus.NOT_SUPPORTED_ATTRIBUTE_TYPE;
      default -> {
        WriteResult written =
            model.configuration().write(requireKey(found.key()), item.attributeValue());
        status =
            switch (written.status()) {
              case ACCEPTED -> SetVariableStatus.ACCEPTED;
              case REBOOT_REQUIRED -> SetVariableStatus.REBOOT_REQUIRED;
              case READ_ONLY, INVALID -> SetVariableStatus.REJECTED;
            };
        if (written.status() == WriteResult.Status.READ_ONLY) {
          info = StatusInfo.of("ReadOnly");
        } else if (written.status() == WriteResult.Status.INVALID) {
          info = new StatusInfo(null, "InvalidValue", truncate(written.reason()));
        }
      }
    }
    return new SetVariableResult(
        null, item.attributeType(), status, info, item.component(), item.variable());
  }

  private Resolved resolve(Component component, Variable variable, @Nullable Attribute attribute) {
    ComponentId componentId = componentId(component);
    if (!model.hasComponent(componentId)) {
      return new Resolved(Outcome.UNKNOWN_COMPONENT, null);
    }
    Optional<DeviceVariable<?>> found =
        model.find(componentId, new VariableId(variable.name(), variable.instance()));
    if (found.isEmpty()) {
      return new Resolved(Outcome.UNKNOWN_VARIABLE, null);
    }
    AttributeType type =
        attribute == null ? AttributeType.ACTUAL : AttributeType.valueOf(attribute.name());
    Optional<? extends Key<?>> key = found.get().attribute(type);
    return key.<Resolved>map(k -> new Resolved(Outcome.FOUND, k))
        .orElseGet(() -> new Resolved(Outcome.UNSUPPORTED_ATTRIBUTE, null));
  }

  private enum Outcome {
    UNKNOWN_COMPONENT,
    UNKNOWN_VARIABLE,
    UNSUPPORTED_ATTRIBUTE,
    FOUND
  }

  private record Resolved(Outcome outcome, @Nullable Key<?> key) {}

  private static Key<?> requireKey(@Nullable Key<?> key) {
    if (key == null) {
      throw new IllegalStateException("a found attribute has a key");
    }
    return key;
  }

  private void checkItems(int items, DeviceVariable<Integer> limit) {
    int max = model.getOrDefault(limit);
    if (items > max) {
      throw new OcppCallException(
          ErrorCode.OCCURRENCE_CONSTRAINT_VIOLATION,
          items + " items exceed " + limit.variable() + " = " + max);
    }
  }

  private static boolean selected(DeviceVariable<?> variable, ReportBase base) {
    return switch (base) {
      case FULL_INVENTORY -> true;
      case CONFIGURATION_INVENTORY ->
          variable.attributes().values().stream().anyMatch(k -> k.mutability().writable());
      case SUMMARY_INVENTORY -> SUMMARY_VARIABLES.contains(variable.variable().name());
    };
  }

  private ReportData reportData(DeviceVariable<?> variable) {
    List<VariableAttribute> attributes = new ArrayList<>();
    for (AttributeType type : AttributeType.values()) {
      variable.attribute(type).ifPresent(key -> attributes.add(attribute(type, key)));
    }
    return new ReportData(
        null,
        component(variable.component()),
        new Variable(null, variable.variable().name(), variable.variable().instance()),
        attributes,
        characteristics(variable));
  }

  private VariableAttribute attribute(AttributeType type, Key<?> key) {
    String value = null;
    if (key.mutability().readable()) {
      value = model.configuration().text(key);
      if (value.length() > MAX_REPORTED_VALUE) {
        LOG.warn(
            "Value of {} exceeds {} characters; reported without value",
            key.name(),
            MAX_REPORTED_VALUE);
        value = null;
      }
    }
    return new VariableAttribute(
        null,
        Attribute.valueOf(type.name()),
        value,
        Mutability.valueOf(key.mutability().name()),
        key.persistent(),
        key.constant());
  }

  private VariableCharacteristics characteristics(DeviceVariable<?> variable) {
    Key<?> actual = variable.actual();
    ValueType<?> type = actual.type();
    String unit = actual.unit();
    String values = type.allowedValues().isEmpty() ? null : String.join(",", type.allowedValues());
    return new VariableCharacteristics(
        null,
        unit != null && unit.length() <= MAX_UNIT ? unit : null,
        Data.valueOf(type.dataType().name()),
        type.minLimit(),
        type.maxLimit(),
        values != null && values.length() <= MAX_VALUES_LIST ? values : null,
        // With a MonitoringCtrlr every variable may carry monitors (thresholds need numbers).
        variable.supportsMonitoring()
            || model.hasComponent(io.kilowire.core.configuration.V201Variables.MonitoringCtrlr.ID));
  }

  private static Component component(ComponentId id) {
    EVSE evse = id.evseId() == null ? null : new EVSE(null, id.evseId(), id.connectorId());
    return new Component(null, evse, id.name(), id.instance());
  }

  private static ComponentId componentId(Component component) {
    EVSE evse = component.evse();
    return new ComponentId(
        component.name(),
        component.instance(),
        evse == null ? null : evse.id(),
        evse == null ? null : evse.connectorId());
  }

  private static @Nullable String truncate(@Nullable String text) {
    if (text == null || text.length() <= MAX_ADDITIONAL_INFO) {
      return text;
    }
    return text.substring(0, MAX_ADDITIONAL_INFO);
  }
}
