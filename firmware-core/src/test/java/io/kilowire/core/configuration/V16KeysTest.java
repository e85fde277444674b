package io.kilowire.core.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.v16.Measurand;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class V16KeysTest {
  private static Configuration keys() {
    return Configuration.builder(V16Keys.ALL).build();
  }

  @Nested
  class Registry {
    @ParameterizedTest(name = "{0}: {1}, {2}, {3}")
    @CsvSource({
      "AllowOfflineTxForUnknownId, RW, optional, BOOLEAN",
      "AuthorizationCacheEnabled, RW, optional, BOOLEAN",
      "AuthorizeRemoteTxRequests, RW, required, BOOLEAN",
      "ClockAlignedDataInterval, RW, required, INTEGER",
      "ConnectionTimeOut, RW, required, INTEGER",
      "ConnectorPhaseRotation, RW, required, MEMBER_LIST",
      "ConnectorPhaseRotationMaxLength, R, optional, INTEGER",
      "GetConfigurationMaxKeys, R, required, INTEGER",
      "HeartbeatInterval, RW, required, INTEGER",
      "LocalAuthorizeOffline, RW, required, BOOLEAN",
      "LocalPreAuthorize, RW, required, BOOLEAN",
      "MeterValuesAlignedData, RW, required, MEMBER_LIST",
      "MeterValuesAlignedDataMaxLength, R, optional, INTEGER",
      "MeterValuesSampledData, RW, required, MEMBER_LIST",
      "MeterValuesSampledDataMaxLength, R, optional, INTEGER",
      "MeterValueSampleInterval, RW, required, INTEGER",
      "NumberOfConnectors, R, required, INTEGER",
      "ResetRetries, RW, required, INTEGER",
      "StopTransactionOnEVSideDisconnect, RW, required, BOOLEAN",
      "StopTransactionOnInvalidId, RW, required, BOOLEAN",
      "StopTxnAlignedData, RW, required, MEMBER_LIST",
      "StopTxnAlignedDataMaxLength, R, optional, INTEGER",
      "StopTxnSampledData, RW, required, MEMBER_LIST",
      "StopTxnSampledDataMaxLength, R, optional, INTEGER",
      "SupportedFeatureProfiles, R, required, MEMBER_LIST",
      "SupportedFeatureProfilesMaxLength, R, optional, INTEGER",
      "TransactionMessageAttempts, RW, required, INTEGER",
      "TransactionMessageRetryInterval, RW, required, INTEGER",
      "UnlockConnectorOnEVSideDisconnect, RW, required, BOOLEAN",
      "WebSocketPingInterval, R, optional, INTEGER",
      "LocalAuthListEnabled, RW, required, BOOLEAN",
      "LocalAuthListMaxLength, R, required, INTEGER",
      "SendLocalListMaxLength, R, required, INTEGER",
      "ChargeProfileMaxStackLevel, R, required, INTEGER",
      "ChargingScheduleAllowedChargingRateUnit, R, required, MEMBER_LIST",
      "ChargingScheduleMaxPeriods, R, required, INTEGER",
      "ConnectorSwitch3to1PhaseSupported, R, optional, BOOLEAN",
      "MaxChargingProfilesInstalled, R, required, INTEGER",
      "MessageTimeout, R, optional, INTEGER",
      "SecurityProfile, R, optional, INTEGER",
    })
    void definesTheKeyWithItsAccessRequirementAndType(
        String name, String access, String requirement, DataType type) {
      Key<?> key = keys().key(name).orElseThrow();
      Mutability expected =
          switch (access) {
            case "R" -> Mutability.READ_ONLY;
            case "W" -> Mutability.WRITE_ONLY;
            default -> Mutability.READ_WRITE;
          };
      assertThat(key.mutability()).isEqualTo(expected);
      assertThat(key.required()).isEqualTo(requirement.equals("required"));
      assertThat(key.type().dataType()).isEqualTo(type);
    }

    @Test
    void holdsFortySixUniqueKeysThatFitTheWire() {
      Set<String> names = new HashSet<>();
      for (Key<?> key : V16Keys.ALL) {
        assertThat(names.add(key.name())).as(key.name()).isTrue();
        assertThat(key.name().length()).isLessThanOrEqualTo(50);
        BigDecimal maxLength = key.type().maxLimit();
        if (key.type().dataType() == DataType.STRING
            || key.type().dataType() == DataType.MEMBER_LIST) {
          assertThat(maxLength).as(key.name()).isLessThanOrEqualTo(BigDecimal.valueOf(500));
        }
      }
      assertThat(names).hasSize(46);
    }

    @Test
    void readOnlyKeysAreConstantsOfTheStationMaker() {
      for (Key<?> key : V16Keys.ALL) {
        assertThat(key.constant())
            .as(key.name())
            .isEqualTo(key.mutability() == Mutability.READ_ONLY);
      }
    }

    @Test
    void numberOfConnectorsComesFromTheLayout() {
      StationLayout twoEvses =
          new StationLayout(
              "Kilowire",
              "KW-2",
              List.of(
                  new StationLayout.Evse(
                      1,
                      BigDecimal.valueOf(11_000),
                      3,
                      List.of(new StationLayout.Connector(1, "sType2"))),
                  new StationLayout.Evse(
                      2,
                      BigDecimal.valueOf(11_000),
                      3,
                      List.of(
                          new StationLayout.Connector(1, "sType2"),
                          new StationLayout.Connector(2, "cType2")))));
      assertThat(V16Keys.builder(twoEvses).build().get(V16Keys.NUMBER_OF_CONNECTORS)).isEqualTo(3);
    }
  }

  /** The 1.6 measurands the station's meter values never carry. */
  static Stream<Measurand> unsentMeasurands() {
    return Arrays.stream(Measurand.values())
        .filter(m -> !List.of(MeasurandLists.SENT.split(",")).contains(m.value()));
  }

  @Nested
  class MeasurandLists {
    /** What the station's meter values carry (V16Gateway), and nothing else. */
    private static final String SENT =
        "Energy.Active.Import.Register,Energy.Active.Export.Register,Power.Active.Import,"
            + "Power.Active.Export,Power.Reactive.Import,Power.Reactive.Export,Current.Import,"
            + "Current.Export,Voltage,SoC,Current.Offered";

    @ParameterizedTest
    @ValueSource(strings = {"MeterValuesSampledData", "MeterValuesAlignedData"})
    void acceptEveryMeasurandTheStationSends(String name) {
      Configuration c =
          Configuration.builder(V16Keys.ALL)
              .initial(V16Keys.METER_VALUES_SAMPLED_DATA_MAX_LENGTH, 11)
              .initial(V16Keys.METER_VALUES_ALIGNED_DATA_MAX_LENGTH, 11)
              .build();
      Key<?> key = c.key(name).orElseThrow();
      assertThat(c.write(key, SENT)).isEqualTo(WriteResult.accepted());
      assertThat(c.text(key)).isEqualTo(SENT);
    }

    @ParameterizedTest
    @MethodSource("io.kilowire.core.configuration.V16KeysTest#unsentMeasurands")
    void refuseEveryOtherMeasurandSayingTheStationDoesNotSendIt(Measurand measurand) {
      for (Key<List<String>> key :
          List.of(V16Keys.METER_VALUES_SAMPLED_DATA, V16Keys.METER_VALUES_ALIGNED_DATA)) {
        WriteResult result =
            keys().write(key, "Energy.Active.Import.Register," + measurand.value());
        assertThat(result.status()).as(key.name()).isEqualTo(WriteResult.Status.INVALID);
        assertThat(result.reason())
            .as(key.name())
            .contains("'" + measurand.value() + "'", "does not send");
      }
    }

    @ParameterizedTest
    @ValueSource(
        strings = {"Energy.Active.Net", "energy.active.import.register", "Current.Import.L1"})
    void rejectWhatTheOneSixMeasurandEnumLacks(String member) {
      assertThat(keys().write(V16Keys.METER_VALUES_ALIGNED_DATA, member).status())
          .isEqualTo(WriteResult.Status.INVALID);
    }

    @Test
    void holdNoMoreMembersThanTheirMaxLengthKey() {
      Configuration c =
          Configuration.builder(V16Keys.ALL)
              .initial(V16Keys.METER_VALUES_SAMPLED_DATA_MAX_LENGTH, 2)
              .build();
      assertThat(c.write(V16Keys.METER_VALUES_SAMPLED_DATA, "Voltage,SoC").status())
          .isEqualTo(WriteResult.Status.ACCEPTED);
      WriteResult tooMany =
          c.write(V16Keys.METER_VALUES_SAMPLED_DATA, "Voltage,SoC,Current.Import");
      assertThat(tooMany.status()).isEqualTo(WriteResult.Status.INVALID);
      assertThat(tooMany.reason()).contains("MeterValuesSampledDataMaxLength");
    }

    @Test
    void haveNoMemberLimitWhenTheStationDropsTheMaxLengthKey() {
      Configuration c =
          Configuration.builder(V16Keys.ALL)
              .without(V16Keys.METER_VALUES_SAMPLED_DATA_MAX_LENGTH)
              .build();
      assertThat(c.write(V16Keys.METER_VALUES_SAMPLED_DATA, SENT).status())
          .isEqualTo(WriteResult.Status.ACCEPTED);
    }

    /** StopTransaction from this station carries no transactionData, so they take no member. */
    @ParameterizedTest
    @ValueSource(strings = {"StopTxnSampledData", "StopTxnAlignedData"})
    void stopTransactionDataTakesNoMeasurandAsNoneIsSent(String name) {
      Configuration c = keys();
      Key<?> key = c.key(name).orElseThrow();
      assertThat(c.write(key, "").status()).isEqualTo(WriteResult.Status.ACCEPTED);
      WriteResult one = c.write(key, "Energy.Active.Import.Register");
      assertThat(one.status()).isEqualTo(WriteResult.Status.INVALID);
      assertThat(one.reason()).contains(name + "MaxLength = 0");
    }
  }

  @Nested
  class Security {
    /** The transport's profile, set by the runtime; the station cannot switch while it runs. */
    @Test
    void securityProfileIsTheStationsOwnAndReadOnly() {
      Configuration c =
          Configuration.builder(V16Keys.ALL).initial(V16Keys.SECURITY_PROFILE, 2).build();
      assertThat(c.get(V16Keys.SECURITY_PROFILE)).isEqualTo(2);
      assertThat(c.write(V16Keys.SECURITY_PROFILE, "3")).isEqualTo(WriteResult.readOnly());
      assertThat(c.snapshot()).doesNotContainKey("SecurityProfile");
    }
  }

  @ParameterizedTest
  @CsvSource({"1.RST, ACCEPTED", "'0.NotApplicable,1.RTS,2.Unknown', ACCEPTED", "1.XYZ, INVALID"})
  void connectorPhaseRotationTakesRotationsPerConnector(String value, WriteResult.Status status) {
    assertThat(keys().write(V16Keys.CONNECTOR_PHASE_ROTATION, value).status()).isEqualTo(status);
  }
}
