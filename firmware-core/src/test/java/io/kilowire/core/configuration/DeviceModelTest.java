package io.kilowire.core.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kilowire.core.configuration.V201Variables.OcppCommCtrlr;
import io.kilowire.core.configuration.V201Variables.SecurityCtrlr;
import io.kilowire.core.configuration.V201Variables.SmartChargingCtrlr;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeviceModelTest {
  private static DeviceModel model() {
    return DeviceModel.builder(Layouts.TWO_EVSES).build();
  }

  @Nested
  class StandardComponents {
    @Test
    void hasTheStationTheControllersAndOneComponentPerEvseAndConnector() {
      assertThat(model().components())
          .contains(
              ComponentId.of("ChargingStation"),
              ComponentId.evse(1),
              ComponentId.evse(2),
              ComponentId.connector(1, 1),
              ComponentId.connector(2, 1),
              ComponentId.connector(2, 2),
              ComponentId.of("OCPPCommCtrlr"),
              ComponentId.of("TxCtrlr"),
              ComponentId.of("AuthCtrlr"),
              ComponentId.of("AuthCacheCtrlr"),
              ComponentId.of("LocalAuthListCtrlr"),
              ComponentId.of("SampledDataCtrlr"),
              ComponentId.of("AlignedDataCtrlr"),
              ComponentId.of("SmartChargingCtrlr"),
              ComponentId.of("ReservationCtrlr"),
              ComponentId.of("SecurityCtrlr"),
              ComponentId.of("ISO15118Ctrlr"),
              ComponentId.of("MonitoringCtrlr"),
              ComponentId.of("DisplayMessageCtrlr"),
              ComponentId.of("TariffCostCtrlr"),
              ComponentId.of("DeviceDataCtrlr"))
          .hasSize(21);
    }

    @ParameterizedTest(name = "{0}.{1}[{2}]")
    @CsvSource({
      "OCPPCommCtrlr, HeartbeatInterval, , READ_WRITE, INTEGER",
      "OCPPCommCtrlr, MessageTimeout, Default, READ_ONLY, INTEGER",
      "OCPPCommCtrlr, MessageAttempts, TransactionEvent, READ_WRITE, INTEGER",
      "OCPPCommCtrlr, MessageAttemptInterval, TransactionEvent, READ_WRITE, INTEGER",
      "TxCtrlr, TxStartPoint, , READ_WRITE, MEMBER_LIST",
      "ChargingStation, AvailabilityState, , READ_ONLY, OPTION_LIST",
      "SmartChargingCtrlr, Entries, ChargingProfiles, READ_ONLY, INTEGER",
      "SmartChargingCtrlr, LimitChangeSignificance, , READ_WRITE, DECIMAL",
      "SampledDataCtrlr, TxEndedMeasurands, , READ_WRITE, MEMBER_LIST",
      "SecurityCtrlr, SecurityProfile, , READ_ONLY, INTEGER",
      "DeviceDataCtrlr, ItemsPerMessage, GetReport, READ_ONLY, INTEGER",
      "DeviceDataCtrlr, BytesPerMessage, SetVariables, READ_ONLY, INTEGER",
    })
    void definesStandardizedVariables(
        String component, String variable, String instance, Mutability mutability, DataType type) {
      DeviceVariable<?> found =
          model().find(ComponentId.of(component), new VariableId(variable, instance)).orElseThrow();
      assertThat(found.actual().mutability()).isEqualTo(mutability);
      assertThat(found.actual().type().dataType()).isEqualTo(type);
    }

    /**
     * The controllers hold only variables whose behaviour the station has: no file transfer,
     * reading signatures or switch it would ignore.
     */
    @Test
    void theControllersListOnlyVariablesWhoseBehaviourTheStationHas() {
      List<String> controllers = new ArrayList<>();
      for (DeviceVariable<?> v : model().variables()) {
        if (v.component().evseId() == null && !v.component().name().equals("ChargingStation")) {
          controllers.add(v.toString());
        }
      }
      assertThat(controllers)
          .containsExactlyInAnyOrder(
              "OCPPCommCtrlr.NetworkConfigurationPriority",
              "OCPPCommCtrlr.NetworkProfileConnectionAttempts",
              "OCPPCommCtrlr.HeartbeatInterval",
              "OCPPCommCtrlr.MessageTimeout[Default]",
              "OCPPCommCtrlr.MessageAttempts[TransactionEvent]",
              "OCPPCommCtrlr.MessageAttemptInterval[TransactionEvent]",
              "OCPPCommCtrlr.RetryBackOffRandomRange",
              "OCPPCommCtrlr.RetryBackOffRepeatTimes",
              "OCPPCommCtrlr.RetryBackOffWaitMinimum",
              "OCPPCommCtrlr.WebSocketPingInterval",
              "TxCtrlr.StopTxOnEVSideDisconnect",
              "TxCtrlr.StopTxOnInvalidId",
              "TxCtrlr.TxStartPoint",
              "TxCtrlr.TxStopPoint",
              "TxCtrlr.EVConnectionTimeOut",
              "AuthCtrlr.AuthorizeRemoteStart",
              "AuthCtrlr.LocalAuthorizeOffline",
              "AuthCtrlr.LocalPreAuthorize",
              "AuthCtrlr.OfflineTxForUnknownIdEnabled",
              "AuthCacheCtrlr.Enabled",
              "AuthCacheCtrlr.Available",
              "LocalAuthListCtrlr.Enabled",
              "LocalAuthListCtrlr.Entries",
              "LocalAuthListCtrlr.Available",
              "LocalAuthListCtrlr.ItemsPerMessage",
              "LocalAuthListCtrlr.BytesPerMessage",
              "SampledDataCtrlr.TxEndedMeasurands",
              "SampledDataCtrlr.TxStartedMeasurands",
              "SampledDataCtrlr.TxUpdatedMeasurands",
              "SampledDataCtrlr.TxUpdatedInterval",
              "AlignedDataCtrlr.Measurands",
              "AlignedDataCtrlr.Interval",
              "SmartChargingCtrlr.Available",
              "SmartChargingCtrlr.ACPhaseSwitchingSupported",
              "SmartChargingCtrlr.ProfileStackLevel",
              "SmartChargingCtrlr.RateUnit",
              "SmartChargingCtrlr.PeriodsPerSchedule",
              "SmartChargingCtrlr.Phases3to1",
              "SmartChargingCtrlr.Entries[ChargingProfiles]",
              "SmartChargingCtrlr.LimitChangeSignificance",
              "SecurityCtrlr.BasicAuthPassword",
              "ReservationCtrlr.Enabled",
              "ReservationCtrlr.Available",
              "ReservationCtrlr.NonEvseSpecific",
              "SecurityCtrlr.Identity",
              "SecurityCtrlr.SecurityProfile",
              "SecurityCtrlr.OrganizationName",
              "SecurityCtrlr.CertificateEntries",
              "SecurityCtrlr.MaxCertificateChainSize",
              "SecurityCtrlr.CertSigningWaitMinimum",
              "SecurityCtrlr.CertSigningRepeatTimes",
              "ISO15118Ctrlr.V2GCertificateInstallationEnabled",
              "ISO15118Ctrlr.ContractCertificateInstallationEnabled",
              "MonitoringCtrlr.Available",
              "MonitoringCtrlr.ItemsPerMessage[SetVariableMonitoring]",
              "MonitoringCtrlr.BytesPerMessage[SetVariableMonitoring]",
              "MonitoringCtrlr.ItemsPerMessage[ClearVariableMonitoring]",
              "MonitoringCtrlr.OfflineQueuingSeverity",
              "MonitoringCtrlr.ActiveMonitoringBase",
              "MonitoringCtrlr.ActiveMonitoringLevel",
              "DisplayMessageCtrlr.Available",
              "DisplayMessageCtrlr.DisplayMessages",
              "DisplayMessageCtrlr.SupportedFormats",
              "DisplayMessageCtrlr.SupportedPriorities",
              "TariffCostCtrlr.Available[Cost]",
              "TariffCostCtrlr.Enabled[Cost]",
              "TariffCostCtrlr.Available[Tariff]",
              "TariffCostCtrlr.Enabled[Tariff]",
              "TariffCostCtrlr.Currency",
              "TariffCostCtrlr.TariffFallbackMessage",
              "TariffCostCtrlr.TotalCostFallbackMessage",
              "DeviceDataCtrlr.ItemsPerMessage[GetReport]",
              "DeviceDataCtrlr.ItemsPerMessage[GetVariables]",
              "DeviceDataCtrlr.ItemsPerMessage[SetVariables]",
              "DeviceDataCtrlr.BytesPerMessage[GetReport]",
              "DeviceDataCtrlr.BytesPerMessage[GetVariables]",
              "DeviceDataCtrlr.BytesPerMessage[SetVariables]");
    }

    @Test
    void evseAndConnectorVariablesFollowTheLayout() {
      DeviceModel m = model();
      DeviceVariable<?> power = m.find(ComponentId.evse(2), VariableId.of("Power")).orElseThrow();
      assertThat(power.actual().type().maxLimit()).isEqualByComparingTo("11000");
      assertThat(power.actual().unit()).isEqualTo("W");
      assertThat(
              m.configuration()
                  .text(
                      m.find(ComponentId.connector(2, 2), VariableId.of("ConnectorType"))
                          .orElseThrow()
                          .actual()))
          .isEqualTo("cType2");
    }

    @Test
    void everyAttributeHasItsOwnUniquelyNamedKey() {
      Set<String> names = new HashSet<>();
      for (DeviceVariable<?> v : model().variables()) {
        for (Key<?> key : v.attributes().values()) {
          assertThat(names.add(key.name())).as(key.name()).isTrue();
        }
      }
      assertThat(names).contains("OCPPCommCtrlr.MessageAttempts[TransactionEvent]", "EVSE@2.Power");
    }
  }

  @Nested
  class Building {
    @Test
    void aRequiredVariableCannotBeDropped() {
      assertThatThrownBy(
              () -> DeviceModel.builder(Layouts.WALLBOX).without(OcppCommCtrlr.MESSAGE_TIMEOUT))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anOptionalVariableCanBeDropped() {
      DeviceModel m =
          DeviceModel.builder(Layouts.WALLBOX)
              .without(V201Variables.AuthCacheCtrlr.ENABLED)
              .build();
      assertThat(m.contains(V201Variables.AuthCacheCtrlr.ENABLED)).isFalse();
      assertThat(m.getOrDefault(V201Variables.AuthCacheCtrlr.ENABLED)).isTrue();
      assertThat(m.configuration().contains(V201Variables.AuthCacheCtrlr.ENABLED.actual()))
          .isFalse();
      // Another station of the layout, which shares the definitions, still has it.
      DeviceModel other = DeviceModel.builder(Layouts.WALLBOX).build();
      assertThat(other.contains(V201Variables.AuthCacheCtrlr.ENABLED)).isTrue();
      assertThat(other.configuration().contains(V201Variables.AuthCacheCtrlr.ENABLED.actual()))
          .isTrue();
    }

    @Test
    void theMakersValueBecomesTheActualValueAndTheFallback() {
      InMemoryConfigurationStore corrupt =
          new InMemoryConfigurationStore(Map.of("OCPPCommCtrlr.HeartbeatInterval", "-5"));
      DeviceModel m =
          DeviceModel.builder(Layouts.WALLBOX)
              .initial(OcppCommCtrlr.HEARTBEAT_INTERVAL, 600)
              .store(corrupt)
              .build();
      assertThat(m.get(OcppCommCtrlr.HEARTBEAT_INTERVAL)).isEqualTo(600);
    }

    @Test
    void aStationWithMoreRoomReplacesACapacityVariable() {
      DeviceModel m =
          DeviceModel.builder(Layouts.WALLBOX).replace(SmartChargingCtrlr.entries(100)).build();
      DeviceVariable<?> entries =
          m.find(SmartChargingCtrlr.ID, VariableId.of("Entries", "ChargingProfiles")).orElseThrow();
      assertThat(entries.actual().type().maxLimit()).isEqualByComparingTo("100");
    }

    @Test
    void stationsOfOneLayoutShareTheDefinitionsYetEachKeepsItsOwnChoicesAndValues() {
      // An emulator runs thousands of stations of one layout: the definitions are built once.
      assertThat(V201Variables.standard(Layouts.WALLBOX))
          .isSameAs(V201Variables.standard(Layouts.WALLBOX));
      DeviceModel plain = DeviceModel.builder(Layouts.WALLBOX).build();
      DeviceModel roomier =
          DeviceModel.builder(Layouts.WALLBOX)
              .replace(SmartChargingCtrlr.entries(100))
              .initial(OcppCommCtrlr.HEARTBEAT_INTERVAL, 600)
              .build();
      plain.configuration().write(OcppCommCtrlr.HEARTBEAT_INTERVAL.actual(), "120");

      VariableId entries = VariableId.of("Entries", "ChargingProfiles");
      assertThat(
              plain.find(SmartChargingCtrlr.ID, entries).orElseThrow().actual().type().maxLimit())
          .isNotEqualByComparingTo("100");
      assertThat(
              roomier.find(SmartChargingCtrlr.ID, entries).orElseThrow().actual().type().maxLimit())
          .isEqualByComparingTo("100");
      assertThat(plain.get(OcppCommCtrlr.HEARTBEAT_INTERVAL)).isEqualTo(120);
      assertThat(roomier.get(OcppCommCtrlr.HEARTBEAT_INTERVAL)).isEqualTo(600);
      assertThat(
              roomier
                  .configuration()
                  .definition(OcppCommCtrlr.HEARTBEAT_INTERVAL.actual())
                  .defaultValue())
          .isEqualTo(600);
      assertThat(
              plain
                  .configuration()
                  .definition(OcppCommCtrlr.HEARTBEAT_INTERVAL.actual())
                  .defaultValue())
          .isNotEqualTo(600);
      assertThat(plain.components()).isEqualTo(roomier.components());
    }

    @Test
    void valuesSurviveARestart() {
      InMemoryConfigurationStore store = new InMemoryConfigurationStore();
      DeviceModel first = DeviceModel.builder(Layouts.WALLBOX).store(store).build();
      first.configuration().write(OcppCommCtrlr.HEARTBEAT_INTERVAL.actual(), "120");
      DeviceModel second = DeviceModel.builder(Layouts.WALLBOX).store(store).build();
      assertThat(second.get(OcppCommCtrlr.HEARTBEAT_INTERVAL)).isEqualTo(120);
    }
  }

  @Nested
  class SecurityProfile {
    @Test
    void theCsmsCannotWriteIt() {
      assertThat(model().configuration().write(SecurityCtrlr.SECURITY_PROFILE.actual(), "2"))
          .isEqualTo(WriteResult.readOnly());
    }

    @Test
    void theRuntimeSetsTheTransportsProfileAndItIsNeverStored() {
      DeviceModel m =
          DeviceModel.builder(Layouts.WALLBOX).initial(SecurityCtrlr.SECURITY_PROFILE, 0).build();
      assertThat(m.get(SecurityCtrlr.SECURITY_PROFILE)).isZero();
      assertThat(m.configuration().snapshot()).doesNotContainKey("SecurityCtrlr.SecurityProfile");
    }
  }

  @Nested
  class SetLimits {
    private final DeviceVariable<Integer> current =
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

    private final DeviceModel m = DeviceModel.builder(List.of(current)).build();

    @Test
    void addMinSetAndMaxSetAttributesWithTheActualsUnit() {
      assertThat(current.attributes())
          .containsOnlyKeys(AttributeType.ACTUAL, AttributeType.MIN_SET, AttributeType.MAX_SET);
      assertThat(current.attribute(AttributeType.MAX_SET).orElseThrow().unit()).isEqualTo("A");
    }

    @Test
    void keepTheActualValueBetweenThem() {
      Key<Integer> actual = current.actual();
      assertThat(m.configuration().write(actual, "32").status())
          .isEqualTo(WriteResult.Status.ACCEPTED);
      assertThat(m.configuration().write(actual, "33").status())
          .isEqualTo(WriteResult.Status.INVALID);
      assertThat(m.configuration().write(actual, "5").status())
          .isEqualTo(WriteResult.Status.INVALID);
    }

    @Test
    void neverLetMinSetExceedMaxSet() {
      Key<Integer> minSet = current.attribute(AttributeType.MIN_SET).orElseThrow();
      assertThat(m.configuration().write(minSet, "33").status())
          .isEqualTo(WriteResult.Status.INVALID);
      assertThat(m.configuration().write(minSet, "10").status())
          .isEqualTo(WriteResult.Status.ACCEPTED);
    }

    @Test
    void applyToATargetAttributeToo() {
      DeviceVariable<Integer> withTarget =
          DeviceVariable.withSetLimits(
              DeviceVariable.of(
                      ComponentId.of("VendorCtrlr"),
                      VariableId.of("Setpoint"),
                      ValueType.integer(0, 100),
                      10,
                      Key::readWrite)
                  .withTarget(10, Mutability.READ_WRITE),
              0,
              50,
              Mutability.READ_ONLY);
      DeviceModel model = DeviceModel.builder(List.of(withTarget)).build();
      Key<Integer> target = withTarget.attribute(AttributeType.TARGET).orElseThrow();
      assertThat(model.configuration().write(target, "60").status())
          .isEqualTo(WriteResult.Status.INVALID);
      assertThat(model.configuration().write(target, "40").status())
          .isEqualTo(WriteResult.Status.ACCEPTED);
    }
  }

  @Test
  void liveValuesAreSetByTheStationWithinTheirCharacteristics() {
    DeviceModel m = model();
    m.set(SmartChargingCtrlr.ENTRIES_CHARGING_PROFILES, 24);
    assertThatThrownBy(() -> m.set(SmartChargingCtrlr.ENTRIES_CHARGING_PROFILES, 25))
        .isInstanceOf(InvalidValueException.class);
    m.set(
        V201Variables.EvseVariables.power(Layouts.TWO_EVSES.evses().get(0)),
        new BigDecimal("7400.5"));
    assertThat(m.get(V201Variables.EvseVariables.power(Layouts.TWO_EVSES.evses().get(0))))
        .isEqualByComparingTo("7400.5");
  }
}
