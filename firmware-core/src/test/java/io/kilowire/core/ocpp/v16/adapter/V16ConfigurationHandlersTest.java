package io.kilowire.core.ocpp.v16.adapter;

import static io.kilowire.core.ocpp.json.SchemaConformance.assertConforms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kilowire.core.configuration.Configuration;
import io.kilowire.core.configuration.InMemoryConfigurationStore;
import io.kilowire.core.configuration.Key;
import io.kilowire.core.configuration.V16Keys;
import io.kilowire.core.configuration.ValueType;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.rpc.ErrorCode;
import io.kilowire.core.ocpp.rpc.OcppCallException;
import io.kilowire.core.ocpp.v16.ChangeConfigurationRequest;
import io.kilowire.core.ocpp.v16.ConfigurationStatus;
import io.kilowire.core.ocpp.v16.GetConfigurationRequest;
import io.kilowire.core.ocpp.v16.GetConfigurationResponse;
import io.kilowire.core.ocpp.v16.KeyValue;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class V16ConfigurationHandlersTest {
  /** A vendor's write-only key (a secret the CSMS may set but never read back). */
  private static final Key<String> SECRET =
      Key.of("VendorSecret", ValueType.string(40), "").writeOnly();

  /** A vendor's key whose new value takes effect after a reboot. */
  private static final Key<Integer> DIMMER =
      Key.of("VendorLightIntensity", ValueType.integer(0, 100), 100).readWrite().requiringReboot();

  private final InMemoryConfigurationStore store = new InMemoryConfigurationStore();
  private final Configuration keys =
      Configuration.builder(V16Keys.ALL)
          .add(SECRET)
          .add(DIMMER)
          .initial(V16Keys.GET_CONFIGURATION_MAX_KEYS, 3)
          .store(store)
          .build();
  private final V16ConfigurationHandlers handlers = new V16ConfigurationHandlers(keys);

  private GetConfigurationResponse get(String... names) {
    GetConfigurationResponse response =
        handlers.getConfiguration(new GetConfigurationRequest(List.of(names)));
    assertConforms(OcppVersion.V16, response);
    return response;
  }

  private static KeyValue find(GetConfigurationResponse response, String name) {
    return response.configurationKey().stream()
        .filter(kv -> kv.key().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Nested
  class GetConfigurationWithoutKeys {
    private final GetConfigurationResponse all =
        handlers.getConfiguration(GetConfigurationRequest.of());

    @Test
    void reportsEveryReadableKeyWithItsValueAndAccess() {
      assertConforms(OcppVersion.V16, all);
      // Two keys of the test's own, less the two write-only ones (VendorSecret, AuthorizationKey).
      assertThat(all.configurationKey()).hasSize(V16Keys.ALL.size() + 2 - 2);
      assertThat(find(all, "HeartbeatInterval"))
          .isEqualTo(new KeyValue("HeartbeatInterval", false, "3600"));
      assertThat(find(all, "NumberOfConnectors"))
          .isEqualTo(new KeyValue("NumberOfConnectors", true, "1"));
      assertThat(all.unknownKey()).isNull();
    }

    @Test
    void leavesOutWriteOnlyKeys() {
      assertThat(all.configurationKey()).extracting(KeyValue::key).doesNotContain("VendorSecret");
    }

    @Test
    void isNotLimitedByGetConfigurationMaxKeys() {
      assertThat(all.configurationKey().size()).isGreaterThan(3);
    }

    @Test
    void treatsAnEmptyKeyListLikeNoList() {
      assertThat(handlers.getConfiguration(new GetConfigurationRequest(List.of()))).isEqualTo(all);
    }
  }

  @Nested
  class GetConfigurationWithKeys {
    @Test
    void reportsTheNamedKeysInRequestOrder() {
      GetConfigurationResponse response = get("MeterValuesSampledData", "HeartbeatInterval");
      assertThat(response.configurationKey())
          .extracting(KeyValue::key)
          .containsExactly("MeterValuesSampledData", "HeartbeatInterval");
      assertThat(response.unknownKey()).isNull();
    }

    @Test
    void listsUnknownNamesAsUnknownKeys() {
      GetConfigurationResponse response =
          get("HeartbeatInterval", "NoSuchKey", "heartbeatinterval");
      assertThat(response.configurationKey())
          .extracting(KeyValue::key)
          .containsExactly("HeartbeatInterval");
      assertThat(response.unknownKey()).containsExactly("NoSuchKey", "heartbeatinterval");
    }

    @Test
    void answersWithoutConfigurationKeysWhenAllAreUnknown() {
      GetConfigurationResponse response = get("Foo");
      assertThat(response.configurationKey()).isNull();
      assertThat(response.unknownKey()).containsExactly("Foo");
    }

    @Test
    void reportsARequestedWriteOnlyKeyWithoutItsValue() {
      keys.write(SECRET, "00112233445566778899aabbccddeeff");
      GetConfigurationResponse response = get("VendorSecret");
      assertThat(response.configurationKey()).containsExactly(KeyValue.of("VendorSecret", false));
    }

    @Test
    void answersANameAskedTwiceOnce() {
      assertThat(get("HeartbeatInterval", "HeartbeatInterval").configurationKey()).hasSize(1);
    }

    @Test
    void refusesMoreKeysThanGetConfigurationMaxKeys() {
      List<String> four = List.of("HeartbeatInterval", "ResetRetries", "ConnectionTimeOut", "Foo");
      assertThatThrownBy(() -> handlers.getConfiguration(new GetConfigurationRequest(four)))
          .isInstanceOfSatisfying(
              OcppCallException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.OCCURRENCE_CONSTRAINT_VIOLATION));
    }

    @Test
    void acceptsExactlyGetConfigurationMaxKeys() {
      assertThat(get("HeartbeatInterval", "ResetRetries", "ConnectionTimeOut").configurationKey())
          .hasSize(3);
    }
  }

  @Nested
  class ChangeConfiguration {
    @ParameterizedTest(name = "{0} = \"{1}\" -> {2}")
    @CsvSource({
      "HeartbeatInterval, 120, ACCEPTED",
      "HeartbeatInterval, -1, REJECTED",
      "HeartbeatInterval, often, REJECTED",
      "LocalPreAuthorize, TRUE, ACCEPTED",
      "LocalPreAuthorize, 1, REJECTED",
      "NumberOfConnectors, 2, REJECTED",
      "SupportedFeatureProfiles, Core, REJECTED",
      "MeterValuesSampledData, 'Voltage,Current.Offered', ACCEPTED",
      "MeterValuesSampledData, 'Voltage,Frequency', REJECTED",
      "MeterValuesSampledData, Temperature, REJECTED",
      "MeterValuesAlignedData, Current.Offered, ACCEPTED",
      "MeterValuesAlignedData, Temperature, REJECTED",
      "MeterValuesSampledData, Energy.Active.Net, REJECTED",
      "VendorSecret, 00112233445566778899aabbccddeeff, ACCEPTED",
      "AuthorizationKey, 00112233445566778899aabbccddeeff, ACCEPTED",
      "CpoName, Kilowire, ACCEPTED",
      "SecurityProfile, 1, REJECTED",
      "WebSocketPingInterval, 10, REJECTED",
      "MessageTimeout, 10, REJECTED",
      "VendorLightIntensity, 50, REBOOT_REQUIRED",
      "NoSuchKey, 1, NOT_SUPPORTED",
      "heartbeatinterval, 120, NOT_SUPPORTED",
    })
    void answersWithTheStatusTheKeyAndValueCallFor(
        String key, String value, ConfigurationStatus status) {
      var response = handlers.changeConfiguration(new ChangeConfigurationRequest(key, value));
      assertConforms(OcppVersion.V16, response);
      assertThat(response.status()).isEqualTo(status);
    }

    @Test
    void anAcceptedValueIsInEffectReportedAndPersisted() {
      handlers.changeConfiguration(new ChangeConfigurationRequest("HeartbeatInterval", "120"));
      assertThat(keys.get(V16Keys.HEARTBEAT_INTERVAL)).isEqualTo(120);
      assertThat(find(get("HeartbeatInterval"), "HeartbeatInterval").value()).isEqualTo("120");
      assertThat(store.load()).containsEntry("HeartbeatInterval", "120");
    }

    @Test
    void aRejectedValueChangesNothing() {
      handlers.changeConfiguration(new ChangeConfigurationRequest("HeartbeatInterval", "x"));
      assertThat(keys.get(V16Keys.HEARTBEAT_INTERVAL)).isEqualTo(3600);
      assertThat(store.saveCount()).isZero();
    }

    @Test
    void aRebootRequiredValueIsReportedButNotYetInEffect() {
      handlers.changeConfiguration(new ChangeConfigurationRequest("VendorLightIntensity", "50"));
      assertThat(keys.get(DIMMER)).isEqualTo(100);
      assertThat(find(get("VendorLightIntensity"), "VendorLightIntensity").value()).isEqualTo("50");
    }
  }

  @Test
  void everyDefaultValueFitsTheFiveHundredCharacterLimit() {
    // KeyValue validates its value on construction; building them all proves the bound.
    Configuration everything =
        Configuration.builder(V16Keys.ALL).initial(V16Keys.GET_CONFIGURATION_MAX_KEYS, 100).build();
    List<String> names = V16Keys.ALL.stream().map(Key::name).toList();
    GetConfigurationResponse response =
        new V16ConfigurationHandlers(everything)
            .getConfiguration(new GetConfigurationRequest(names));
    assertThat(response.configurationKey()).hasSize(names.size());
    assertThat(response.unknownKey()).isNull();
    // Every key of the registry is readable but the write-only AuthorizationKey.
    assertThat(
            response.configurationKey().stream().filter(k -> k.value() == null).map(KeyValue::key))
        .containsExactly("AuthorizationKey");
  }
}
