package io.kilowire.core.ocpp.v201.adapter;

import static io.kilowire.core.ocpp.json.SchemaConformance.assertConforms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kilowire.core.configuration.ComponentId;
import io.kilowire.core.configuration.DeviceModel;
import io.kilowire.core.configuration.DeviceVariable;
import io.kilowire.core.configuration.InMemoryConfigurationStore;
import io.kilowire.core.configuration.Layouts;
import io.kilowire.core.configuration.Mutability;
import io.kilowire.core.configuration.V201Variables.DeviceDataCtrlr;
import io.kilowire.core.configuration.V201Variables.OcppCommCtrlr;
import io.kilowire.core.configuration.ValueType;
import io.kilowire.core.configuration.VariableId;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.rpc.ErrorCode;
import io.kilowire.core.ocpp.rpc.OcppCallException;
import io.kilowire.core.ocpp.v201.Attribute;
import io.kilowire.core.ocpp.v201.Component;
import io.kilowire.core.ocpp.v201.Data;
import io.kilowire.core.ocpp.v201.EVSE;
import io.kilowire.core.ocpp.v201.GenericDeviceModelStatus;
import io.kilowire.core.ocpp.v201.GetBaseReportRequest;
import io.kilowire.core.ocpp.v201.GetVariableData;
import io.kilowire.core.ocpp.v201.GetVariableResult;
import io.kilowire.core.ocpp.v201.GetVariableStatus;
import io.kilowire.core.ocpp.v201.GetVariablesRequest;
import io.kilowire.core.ocpp.v201.GetVariablesResponse;
import io.kilowire.core.ocpp.v201.NotifyReportRequest;
import io.kilowire.core.ocpp.v201.ReportBase;
import io.kilowire.core.ocpp.v201.ReportData;
import io.kilowire.core.ocpp.v201.SetVariableData;
import io.kilowire.core.ocpp.v201.SetVariableResult;
import io.kilowire.core.ocpp.v201.SetVariableStatus;
import io.kilowire.core.ocpp.v201.SetVariablesRequest;
import io.kilowire.core.ocpp.v201.SetVariablesResponse;
import io.kilowire.core.ocpp.v201.Variable;
import io.kilowire.core.ocpp.v201.VariableAttribute;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class V201DeviceModelHandlersTest {
  private static final Instant NOW = Instant.parse("2025-03-01T08:00:00Z");
  private static final Component OCPP_COMM = Component.of("OCPPCommCtrlr");
  private static final Component SECURITY = Component.of("SecurityCtrlr");

  /** A vendor variable with MinSet/MaxSet and one that needs a reboot, beside the standard ones. */
  private static final DeviceVariable<Integer> MAX_CURRENT =
      DeviceVariable.withSetLimits(
          DeviceVariable.of(
              ComponentId.of("VendorCtrlr"),
              VariableId.of("MaxCurrent"),
              ValueType.integer(0, 63),
              16,
              k -> k.readWrite().unit("A")),
          6,
          32,
          Mutability.READ_WRITE);

  private static final DeviceVariable<Boolean> DEBUG_PORT =
      DeviceVariable.of(
          ComponentId.of("VendorCtrlr"),
          VariableId.of("DebugPort"),
          ValueType.bool(),
          false,
          k -> k.readWrite().requiringReboot());

  /** A vendor's secret: the CSMS may set it and never read it back. */
  private static final DeviceVariable<String> SECRET =
      DeviceVariable.of(
          ComponentId.of("VendorCtrlr"),
          VariableId.of("Secret"),
          ValueType.string(40),
          "",
          k -> k.writeOnly());

  private final InMemoryConfigurationStore store = new InMemoryConfigurationStore();
  private final DeviceModel model =
      DeviceModel.builder(Layouts.TWO_EVSES)
          .add(MAX_CURRENT)
          .add(DEBUG_PORT)
          .add(SECRET)
          .initial(DeviceDataCtrlr.ITEMS_PER_MESSAGE_GET_VARIABLES, 4)
          .initial(DeviceDataCtrlr.ITEMS_PER_MESSAGE_SET_VARIABLES, 4)
          .initial(DeviceDataCtrlr.ITEMS_PER_MESSAGE_GET_REPORT, 10)
          .store(store)
          .build();
  private final V201DeviceModelHandlers handlers = new V201DeviceModelHandlers(model);

  private static GetVariableData get(Component component, String variable) {
    return GetVariableData.of(component, Variable.of(variable));
  }

  private GetVariableResult getOne(GetVariableData item) {
    GetVariablesResponse response = handlers.getVariables(GetVariablesRequest.of(List.of(item)));
    assertConforms(OcppVersion.V201, response);
    return response.getVariableResult().get(0);
  }

  private SetVariableResult setOne(SetVariableData item) {
    SetVariablesResponse response = handlers.setVariables(SetVariablesRequest.of(List.of(item)));
    assertConforms(OcppVersion.V201, response);
    return response.setVariableResult().get(0);
  }

  private static SetVariableData set(
      Component component, Variable variable, @Nullable Attribute attribute, String value) {
    return new SetVariableData(null, attribute, value, component, variable);
  }

  @Nested
  class GetVariables {
    @Test
    void returnsTheActualValueOfAKnownVariable() {
      GetVariableResult result = getOne(get(OCPP_COMM, "HeartbeatInterval"));
      assertThat(result.attributeStatus()).isEqualTo(GetVariableStatus.ACCEPTED);
      assertThat(result.attributeValue()).isEqualTo("3600");
      assertThat(result.component()).isEqualTo(OCPP_COMM);
    }

    @Test
    void findsVariablesByInstance() {
      GetVariableResult result =
          getOne(
              GetVariableData.of(
                  OCPP_COMM, new Variable(null, "MessageAttempts", "TransactionEvent")));
      assertThat(result.attributeValue()).isEqualTo("3");
      assertThat(getOne(get(OCPP_COMM, "MessageAttempts")).attributeStatus())
          .isEqualTo(GetVariableStatus.UNKNOWN_VARIABLE);
    }

    @Test
    void findsEvseAndConnectorComponentsByTheirAddress() {
      Component connector = new Component(null, new EVSE(null, 2, 2), "Connector", null);
      assertThat(getOne(get(connector, "ConnectorType")).attributeValue()).isEqualTo("cType2");
      Component evse = new Component(null, EVSE.of(1), "EVSE", null);
      assertThat(getOne(get(evse, "SupplyPhases")).attributeValue()).isEqualTo("3");
    }

    @Test
    void answersUnknownComponentForAnUnknownNameOrAddress() {
      assertThat(getOne(get(Component.of("FooCtrlr"), "Enabled")).attributeStatus())
          .isEqualTo(GetVariableStatus.UNKNOWN_COMPONENT);
      Component noSuchEvse = new Component(null, EVSE.of(3), "EVSE", null);
      assertThat(getOne(get(noSuchEvse, "Power")).attributeStatus())
          .isEqualTo(GetVariableStatus.UNKNOWN_COMPONENT);
      Component evseWithoutId = Component.of("EVSE");
      assertThat(getOne(get(evseWithoutId, "Power")).attributeStatus())
          .isEqualTo(GetVariableStatus.UNKNOWN_COMPONENT);
    }

    @Test
    void answersUnknownVariableForAKnownComponent() {
      assertThat(getOne(get(OCPP_COMM, "NoSuchVariable")).attributeStatus())
          .isEqualTo(GetVariableStatus.UNKNOWN_VARIABLE);
    }

    @Test
    void answersNotSupportedAttributeTypeForAnAttributeTheVariableLacks() {
      GetVariableData target =
          new GetVariableData(null, Attribute.TARGET, OCPP_COMM, Variable.of("HeartbeatInterval"));
      GetVariableResult result = getOne(target);
      assertThat(result.attributeStatus())
          .isEqualTo(GetVariableStatus.NOT_SUPPORTED_ATTRIBUTE_TYPE);
      assertThat(result.attributeType()).isEqualTo(Attribute.TARGET);
    }

    @Test
    void readsMinSetAndMaxSetAttributes() {
      GetVariableData maxSet =
          new GetVariableData(
              null, Attribute.MAX_SET, Component.of("VendorCtrlr"), Variable.of("MaxCurrent"));
      assertThat(getOne(maxSet).attributeValue()).isEqualTo("32");
    }

    @Test
    void rejectsReadingAWriteOnlyVariable() {
      model.configuration().write(SECRET.actual(), "correct-horse-battery");
      GetVariableResult result = getOne(get(Component.of("VendorCtrlr"), "Secret"));
      assertThat(result.attributeStatus()).isEqualTo(GetVariableStatus.REJECTED);
      assertThat(result.attributeValue()).isNull();
      assertThat(Objects.requireNonNull(result.attributeStatusInfo()).reasonCode())
          .isEqualTo("WriteOnly");
    }

    @Test
    void answersEveryItemInRequestOrder() {
      GetVariablesResponse response =
          handlers.getVariables(
              GetVariablesRequest.of(
                  List.of(
                      get(OCPP_COMM, "HeartbeatInterval"),
                      get(Component.of("Nope"), "X"),
                      get(OCPP_COMM, "WebSocketPingInterval"))));
      assertThat(response.getVariableResult())
          .extracting(GetVariableResult::attributeStatus)
          .containsExactly(
              GetVariableStatus.ACCEPTED,
              GetVariableStatus.UNKNOWN_COMPONENT,
              GetVariableStatus.ACCEPTED);
    }

    @Test
    void refusesMoreItemsThanItemsPerMessageGetVariablesWithAnOccurrenceConstraintViolation() {
      List<GetVariableData> five = Collections.nCopies(5, get(OCPP_COMM, "HeartbeatInterval"));
      assertThatThrownBy(() -> handlers.getVariables(GetVariablesRequest.of(five)))
          .isInstanceOfSatisfying(
              OcppCallException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.OCCURRENCE_CONSTRAINT_VIOLATION);
                assertThat(e.code().wireName(OcppVersion.V201))
                    .isEqualTo("OccurrenceConstraintViolation");
              });
    }
  }

  @Nested
  class SetVariables {
    @Test
    void acceptsAValidValueAndPersistsIt() {
      SetVariableResult result =
          setOne(set(OCPP_COMM, Variable.of("HeartbeatInterval"), null, "900"));
      assertThat(result.attributeStatus()).isEqualTo(SetVariableStatus.ACCEPTED);
      assertThat(model.get(OcppCommCtrlr.HEARTBEAT_INTERVAL)).isEqualTo(900);
      assertThat(store.load()).containsEntry("OCPPCommCtrlr.HeartbeatInterval", "900");
    }

    @Test
    void rejectsAReadOnlyVariable() {
      SetVariableResult result = setOne(set(SECURITY, Variable.of("SecurityProfile"), null, "3"));
      assertThat(result.attributeStatus()).isEqualTo(SetVariableStatus.REJECTED);
      assertThat(Objects.requireNonNull(result.attributeStatusInfo()).reasonCode())
          .isEqualTo("ReadOnly");
    }

    @Test
    void rejectsAValueTheTypeRefusesAndSaysWhy() {
      SetVariableResult result =
          setOne(set(Component.of("TxCtrlr"), Variable.of("TxStartPoint"), null, "Plugged"));
      assertThat(result.attributeStatus()).isEqualTo(SetVariableStatus.REJECTED);
      assertThat(result.attributeStatusInfo()).isNotNull();
      assertThat(result.attributeStatusInfo().reasonCode()).isEqualTo("InvalidValue");
      assertThat(result.attributeStatusInfo().additionalInfo()).contains("Plugged");
    }

    @ParameterizedTest
    @CsvSource({
      "SampledDataCtrlr, TxStartedMeasurands",
      "SampledDataCtrlr, TxUpdatedMeasurands",
      "SampledDataCtrlr, TxEndedMeasurands",
      "AlignedDataCtrlr, Measurands"
    })
    void takesOnlyMeasurandsTheStationSendsAndSaysWhyItRefusesAnother(
        String component, String variable) {
      SetVariableResult refused =
          setOne(
              set(
                  Component.of(component),
                  Variable.of(variable),
                  null,
                  "Energy.Active.Import.Register,Frequency"));
      assertThat(refused.attributeStatus()).isEqualTo(SetVariableStatus.REJECTED);
      assertThat(Objects.requireNonNull(refused.attributeStatusInfo()).additionalInfo())
          .contains("'Frequency'", "does not send");

      SetVariableResult accepted =
          setOne(
              set(
                  Component.of(component),
                  Variable.of(variable),
                  null,
                  "Energy.Active.Import.Register,Current.Offered"));
      assertThat(accepted.attributeStatus()).isEqualTo(SetVariableStatus.ACCEPTED);
    }

    /** The station starts a transaction on a cable, a token or both; never on signed data. */
    @ParameterizedTest
    @CsvSource({
      "DataSigned, REJECTED",
      "EnergyTransfer, REJECTED",
      "'EVConnected,Authorized', ACCEPTED",
      "ParkingBayOccupancy, ACCEPTED",
      "PowerPathClosed, ACCEPTED"
    })
    void takesOnlyTransactionStartPointsTheStationHonours(
        String points, SetVariableStatus expected) {
      SetVariableResult result =
          setOne(set(Component.of("TxCtrlr"), Variable.of("TxStartPoint"), null, points));
      assertThat(result.attributeStatus()).isEqualTo(expected);
      if (expected == SetVariableStatus.REJECTED) {
        assertThat(Objects.requireNonNull(result.attributeStatusInfo()).additionalInfo())
            .contains("'" + points + "'", "does not start");
      }
    }

    @Test
    void hasNoClockAlignedMeasurandsForTheEndedEventWhichCarriesNone() {
      assertThat(
              setOne(
                      set(
                          Component.of("AlignedDataCtrlr"),
                          Variable.of("TxEndedMeasurands"),
                          null,
                          "Energy.Active.Import.Register"))
                  .attributeStatus())
          .isEqualTo(SetVariableStatus.UNKNOWN_VARIABLE);
    }

    @Test
    void rejectsAValueOutsideMinSetAndMaxSet() {
      Component vendor = Component.of("VendorCtrlr");
      assertThat(
              setOne(set(vendor, Variable.of("MaxCurrent"), Attribute.ACTUAL, "40"))
                  .attributeStatus())
          .isEqualTo(SetVariableStatus.REJECTED);
      assertThat(setOne(set(vendor, Variable.of("MaxCurrent"), null, "32")).attributeStatus())
          .isEqualTo(SetVariableStatus.ACCEPTED);
    }

    @Test
    void appliesItemsInOrderSoARaisedMaxSetAdmitsALaterValue() {
      Component vendor = Component.of("VendorCtrlr");
      SetVariablesResponse response =
          handlers.setVariables(
              SetVariablesRequest.of(
                  List.of(
                      set(vendor, Variable.of("MaxCurrent"), Attribute.MAX_SET, "40"),
                      set(vendor, Variable.of("MaxCurrent"), null, "40"))));
      assertThat(response.setVariableResult())
          .extracting(SetVariableResult::attributeStatus)
          .containsExactly(SetVariableStatus.ACCEPTED, SetVariableStatus.ACCEPTED);
    }

    @Test
    void rejectsAValueOutsideTheCharacteristics() {
      SetVariableResult result =
          setOne(
              set(
                  Component.of("SmartChargingCtrlr"),
                  Variable.of("LimitChangeSignificance"),
                  null,
                  "101"));
      assertThat(result.attributeStatus()).isEqualTo(SetVariableStatus.REJECTED);
    }

    @Test
    void acceptsAWriteOnlyVariable() {
      assertThat(
              setOne(
                      set(
                          Component.of("VendorCtrlr"),
                          Variable.of("Secret"),
                          null,
                          "correct-horse-battery"))
                  .attributeStatus())
          .isEqualTo(SetVariableStatus.ACCEPTED);
    }

    @Test
    void answersRebootRequiredWhenTheValueTakesEffectAfterARestart() {
      SetVariableResult result =
          setOne(set(Component.of("VendorCtrlr"), Variable.of("DebugPort"), null, "true"));
      assertThat(result.attributeStatus()).isEqualTo(SetVariableStatus.REBOOT_REQUIRED);
      assertThat(model.get(DEBUG_PORT)).isFalse();
    }

    @Test
    void answersUnknownComponentUnknownVariableAndNotSupportedAttributeType() {
      assertThat(setOne(set(Component.of("Nope"), Variable.of("X"), null, "1")).attributeStatus())
          .isEqualTo(SetVariableStatus.UNKNOWN_COMPONENT);
      assertThat(setOne(set(OCPP_COMM, Variable.of("X"), null, "1")).attributeStatus())
          .isEqualTo(SetVariableStatus.UNKNOWN_VARIABLE);
      assertThat(
              setOne(set(OCPP_COMM, Variable.of("HeartbeatInterval"), Attribute.MIN_SET, "1"))
                  .attributeStatus())
          .isEqualTo(SetVariableStatus.NOT_SUPPORTED_ATTRIBUTE_TYPE);
    }

    @Test
    void refusesMoreItemsThanItemsPerMessageSetVariables() {
      List<SetVariableData> five =
          Collections.nCopies(5, set(OCPP_COMM, Variable.of("HeartbeatInterval"), null, "60"));
      assertThatThrownBy(() -> handlers.setVariables(SetVariablesRequest.of(five)))
          .isInstanceOfSatisfying(
              OcppCallException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.OCCURRENCE_CONSTRAINT_VIOLATION));
    }
  }

  @Nested
  class GetBaseReport {
    private BaseReport report(ReportBase base) {
      BaseReport report = handlers.getBaseReport(GetBaseReportRequest.of(7, base), NOW);
      assertConforms(OcppVersion.V201, report.response());
      report.reports().forEach(page -> assertConforms(OcppVersion.V201, page));
      return report;
    }

    private static List<ReportData> items(BaseReport report) {
      return report.reports().stream()
          .flatMap(p -> Objects.requireNonNull(p.reportData()).stream())
          .toList();
    }

    @Test
    void fullInventoryReportsEveryVariableInPagesOfItemsPerMessageGetReport() {
      BaseReport report = report(ReportBase.FULL_INVENTORY);
      int variables = model.variables().size();
      assertThat(report.response().status()).isEqualTo(GenericDeviceModelStatus.ACCEPTED);
      assertThat(items(report)).hasSize(variables);
      assertThat(report.reports()).hasSize((variables + 9) / 10);
      for (int i = 0; i < report.reports().size(); i++) {
        NotifyReportRequest page = report.reports().get(i);
        boolean last = i == report.reports().size() - 1;
        assertThat(page.seqNo()).isEqualTo(i);
        assertThat(page.tbc()).isEqualTo(!last);
        assertThat(page.requestId()).isEqualTo(7);
        assertThat(page.generatedAt()).isEqualTo(NOW);
        assertThat(page.reportData()).hasSizeBetween(1, 10);
      }
    }

    @Test
    void aReportThatFitsOnePageIsOnePageWithoutTbc() {
      BaseReport report = report(ReportBase.SUMMARY_INVENTORY);
      assertThat(report.reports()).hasSize(1);
      assertThat(report.reports().get(0).seqNo()).isZero();
      assertThat(report.reports().get(0).tbc()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(ReportBase.class)
    void everyPageNumberFollowsThePreviousOne(ReportBase base) {
      List<NotifyReportRequest> pages = report(base).reports();
      assertThat(pages).extracting(NotifyReportRequest::seqNo).isSorted().doesNotHaveDuplicates();
      assertThat(pages.get(pages.size() - 1).seqNo()).isEqualTo(pages.size() - 1);
    }

    @Test
    void configurationInventoryReportsOnlyVariablesTheCsmsCanWrite() {
      List<ReportData> items = items(report(ReportBase.CONFIGURATION_INVENTORY));
      assertThat(items).isNotEmpty();
      assertThat(items)
          .allSatisfy(
              item ->
                  assertThat(item.variableAttribute())
                      .anySatisfy(
                          a ->
                              assertThat(a.mutability())
                                  .isIn(
                                      io.kilowire.core.ocpp.v201.Mutability.READ_WRITE,
                                      io.kilowire.core.ocpp.v201.Mutability.WRITE_ONLY)));
      assertThat(items).extracting(i -> i.variable().name()).doesNotContain("SecurityProfile");
    }

    @Test
    void summaryInventoryReportsTheAvailabilityOfStationEvsesAndConnectors() {
      List<ReportData> items = items(report(ReportBase.SUMMARY_INVENTORY));
      assertThat(items).extracting(i -> i.variable().name()).containsOnly("AvailabilityState");
      assertThat(items).hasSize(1 + 2 + 3);
    }

    @Test
    void reportsAWriteOnlyAttributeWithoutItsValue() {
      model.configuration().write(SECRET.actual(), "correct-horse-battery");
      VariableAttribute password = attributesOf("VendorCtrlr", "Secret").get(0);
      assertThat(password.value()).isNull();
      assertThat(password.mutability()).isEqualTo(io.kilowire.core.ocpp.v201.Mutability.WRITE_ONLY);
    }

    @Test
    void reportsAttributesWithMutabilityPersistenceAndConstancy() {
      VariableAttribute heartbeat = attributesOf("OCPPCommCtrlr", "HeartbeatInterval").get(0);
      assertThat(heartbeat)
          .isEqualTo(
              new VariableAttribute(
                  null,
                  Attribute.ACTUAL,
                  "3600",
                  io.kilowire.core.ocpp.v201.Mutability.READ_WRITE,
                  true,
                  false));
      assertThat(attributesOf("VendorCtrlr", "MaxCurrent"))
          .extracting(VariableAttribute::type)
          .containsExactly(Attribute.ACTUAL, Attribute.MIN_SET, Attribute.MAX_SET);
    }

    @Test
    void reportsCharacteristicsFromTheType() {
      ReportData power =
          items(report(ReportBase.FULL_INVENTORY)).stream()
              .filter(
                  i -> i.component().name().equals("EVSE") && i.variable().name().equals("Power"))
              .filter(i -> Objects.requireNonNull(i.component().evse()).id() == 1)
              .findFirst()
              .orElseThrow();
      var c = Objects.requireNonNull(power.variableCharacteristics());
      assertThat(c.dataType()).isEqualTo(Data.DECIMAL);
      assertThat(c.unit()).isEqualTo("W");
      assertThat(c.maxLimit()).isEqualByComparingTo("22000");
      assertThat(c.supportsMonitoring()).as("the station has a MonitoringCtrlr").isTrue();
      ReportData measurands =
          items(report(ReportBase.FULL_INVENTORY)).stream()
              .filter(i -> i.variable().name().equals("TxUpdatedMeasurands"))
              .findFirst()
              .orElseThrow();
      assertThat(Objects.requireNonNull(measurands.variableCharacteristics()).valuesList())
          .contains("Energy.Active.Import.Register", "SoC");
    }

    @Test
    void answersEmptyResultSetWhenNothingMatches() {
      DeviceModel noSummary =
          DeviceModel.builder(List.of(OcppCommCtrlr.HEARTBEAT_INTERVAL)).build();
      BaseReport report =
          new V201DeviceModelHandlers(noSummary)
              .getBaseReport(GetBaseReportRequest.of(1, ReportBase.SUMMARY_INVENTORY), NOW);
      assertThat(report.response().status()).isEqualTo(GenericDeviceModelStatus.EMPTY_RESULT_SET);
      assertThat(report.reports()).isEmpty();
    }

    private List<VariableAttribute> attributesOf(String component, String variable) {
      return items(report(ReportBase.FULL_INVENTORY)).stream()
          .filter(
              i -> i.component().name().equals(component) && i.variable().name().equals(variable))
          .findFirst()
          .orElseThrow()
          .variableAttribute();
    }
  }
}
