package io.kilowire.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.TestCsms;
import io.kilowire.core.testing.TestCsms.Received;
import io.kilowire.core.transfer.DownloadingFirmwareInstaller;
import io.kilowire.core.transfer.FileTransfers;
import io.kilowire.core.transfer.HttpLogUploader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A station advertises only what it does: over a real WebSocket on 127.0.0.1, a CSMS reads what the
 * station says it supports (1.6 SupportedFeatureProfiles and the security-extension keys in
 * GetConfiguration, 2.0.1 the components and variables of GetBaseReport) and calls every
 * CSMS-initiated action of each advertised feature with a valid payload. None may answer CALLERROR,
 * NotSupported or NotImplemented. A TriggerMessage for a message of a feature the station does not
 * have answers NotImplemented, as both versions prescribe.
 */
class AdvertisedFeaturesIT {
  private static final Duration WAIT = RuntimeStations.WAIT;
  private static final String STATION = "KW-ADVERTISED";
  private static final String FUTURE = "2030-01-01T00:00:00Z";
  private static final String CERTIFICATE = "-----BEGIN CERTIFICATE-----";

  // ------------------------------------------------------------------------------ OCPP 1.6

  /** Each 1.6 feature profile's CSMS-initiated actions (OCPP 1.6 §3.2), with valid payloads. */
  private static final Map<String, List<Call>> V16_PROFILES =
      Map.of(
          "Core",
          List.of(
              new Call("ChangeAvailability", "{\"connectorId\":1,\"type\":\"Operative\"}"),
              new Call(
                  "ChangeConfiguration", "{\"key\":\"MeterValueSampleInterval\",\"value\":\"60\"}"),
              new Call("ClearCache", "{}"),
              new Call("DataTransfer", "{\"vendorId\":\"io.kilowire.test\"}"),
              new Call("GetConfiguration", "{}"),
              new Call("RemoteStartTransaction", "{\"connectorId\":1,\"idTag\":\"TAG\"}"),
              new Call("RemoteStopTransaction", "{\"transactionId\":1}"),
              new Call("UnlockConnector", "{\"connectorId\":1}")),
          "FirmwareManagement",
          List.of(
              new Call("GetDiagnostics", "{\"location\":\"ftp://127.0.0.1/diagnostics\"}"),
              new Call(
                  "UpdateFirmware",
                  "{\"location\":\"ftp://127.0.0.1/fw\",\"retrieveDate\":\"" + FUTURE + "\"}")),
          "LocalAuthListManagement",
          List.of(
              new Call("GetLocalListVersion", "{}"),
              new Call("SendLocalList", "{\"listVersion\":1,\"updateType\":\"Full\"}")),
          "Reservation",
          List.of(
              new Call(
                  "ReserveNow",
                  "{\"connectorId\":1,\"expiryDate\":\""
                      + FUTURE
                      + "\",\"idTag\":\"TAG\",\"reservationId\":1}"),
              new Call("CancelReservation", "{\"reservationId\":1}")),
          "SmartCharging",
          List.of(
              new Call(
                  "SetChargingProfile",
                  "{\"connectorId\":1,\"csChargingProfiles\":{\"chargingProfileId\":1,"
                      + "\"stackLevel\":0,\"chargingProfilePurpose\":\"TxDefaultProfile\","
                      + "\"chargingProfileKind\":\"Relative\",\"chargingSchedule\":"
                      + "{\"chargingRateUnit\":\"A\",\"chargingSchedulePeriod\":"
                      + "[{\"startPeriod\":0,\"limit\":16}]}}}"),
              new Call("GetCompositeSchedule", "{\"connectorId\":1,\"duration\":60}"),
              new Call("ClearChargingProfile", "{}")),
          "RemoteTrigger",
          List.of(
              trigger16("BootNotification"),
              trigger16("Heartbeat"),
              trigger16("MeterValues"),
              trigger16("StatusNotification")));

  /** The messages TriggerMessage asks for that belong to FirmwareManagement. */
  private static final List<String> FIRMWARE_TRIGGERS =
      List.of("DiagnosticsStatusNotification", "FirmwareStatusNotification");

  /**
   * The security extension's keys and the CSMS-initiated actions whose behaviour they describe
   * (certificate management; CpoName goes into the station's certificate signing request).
   */
  private static final Map<String, List<Call>> V16_SECURITY_KEYS;

  static {
    List<Call> certificates =
        List.of(
            new Call(
                "InstallCertificate",
                "{\"certificateType\":\"CentralSystemRootCertificate\",\"certificate\":\""
                    + CERTIFICATE
                    + "\"}"),
            new Call(
                "GetInstalledCertificateIds",
                "{\"certificateType\":\"CentralSystemRootCertificate\"}"),
            new Call("DeleteCertificate", "{\"certificateHashData\":" + hashData() + "}"),
            new Call("CertificateSigned", "{\"certificateChain\":\"" + CERTIFICATE + "\"}"));
    V16_SECURITY_KEYS =
        Map.of(
            "CertificateStoreMaxLength", certificates,
            "CertificateSignedMaxChainSize", certificates,
            "AdditionalRootCertificateCheck", certificates,
            "CpoName",
                List.of(
                    new Call(
                        "ExtendedTriggerMessage",
                        "{\"requestedMessage\":\"SignChargePointCertificate\"}")));
  }

  @ParameterizedTest(name = "with firmware installer and log uploader: {0}")
  @ValueSource(booleans = {false, true})
  void everyOneSixFeatureProfileTheStationAdvertisesAnswersItsActions(boolean equipped) {
    TestCsms csms = csms(OcppVersion.V16);
    station(csms, OcppVersion.V16, equipped);

    String advertised =
        csms.call(STATION, "GetConfiguration", "{\"key\":[\"SupportedFeatureProfiles\"]}")
            .at("/configurationKey/0/value")
            .asText();
    List<String> profiles = Arrays.asList(advertised.split(","));
    assertThat(V16_PROFILES).containsKeys(profiles.toArray(String[]::new));
    assertThat(profiles).contains("Reservation");
    assertThat(profiles.contains("FirmwareManagement")).isEqualTo(equipped);

    List<Call> calls = new ArrayList<>();
    profiles.forEach(p -> calls.addAll(V16_PROFILES.get(p)));
    if (profiles.contains("FirmwareManagement")) {
      FIRMWARE_TRIGGERS.forEach(m -> calls.add(trigger16(m)));
    }
    answerAll(csms, calls);

    if (!profiles.contains("FirmwareManagement")) {
      for (String message : FIRMWARE_TRIGGERS) {
        assertThat(answer(csms, trigger16(message)).at("/status").asText())
            .as("TriggerMessage %s without FirmwareManagement", message)
            .isEqualTo("NotImplemented");
      }
    }
    // GetConfiguration without keys says the same, and has no key of a profile not advertised.
    JsonNode all = csms.call(STATION, "GetConfiguration", "{}").at("/configurationKey");
    if (profiles.contains("Reservation")) {
      assertThat(all.findValuesAsText("key")).contains("ReserveConnectorZeroSupported");
    } else {
      assertThat(all.findValuesAsText("key")).doesNotContain("ReserveConnectorZeroSupported");
    }
    for (JsonNode key : all) {
      if (key.at("/key").asText().equals("SupportedFeatureProfiles")) {
        assertThat(key.at("/value").asText()).isEqualTo(advertised);
      }
    }
    // Core's Reset last: the station reboots on a new connection.
    answerAll(csms, List.of(new Call("Reset", "{\"type\":\"Soft\"}")));
  }

  @Test
  void everySecurityExtensionKeyTheStationReportsHasItsBehaviour() {
    TestCsms csms = csms(OcppVersion.V16);
    station(csms, OcppVersion.V16, false);

    List<String> keys =
        csms.call(STATION, "GetConfiguration", "{}")
            .at("/configurationKey")
            .findValuesAsText("key");
    Set<Call> calls = new LinkedHashSet<>();
    keys.stream()
        .filter(V16_SECURITY_KEYS::containsKey)
        .forEach(k -> calls.addAll(V16_SECURITY_KEYS.get(k)));
    answerAll(csms, List.copyOf(calls));
  }

  private static Call trigger16(String message) {
    return new Call("TriggerMessage", "{\"requestedMessage\":\"" + message + "\"}");
  }

  private static String hashData() {
    return "{\"hashAlgorithm\":\"SHA256\",\"issuerNameHash\":\"aa\",\"issuerKeyHash\":\"bb\","
        + "\"serialNumber\":\"01\"}";
  }

  // ------------------------------------------------------------------------------ OCPP 2.0.1

  /** Actions every 2.0.1 station has (provisioning, availability, remote control, trigger). */
  private static final List<Call> V201_ALWAYS =
      List.of(
          new Call(
              "GetVariables",
              "{\"getVariableData\":[{\"component\":{\"name\":\"OCPPCommCtrlr\"},"
                  + "\"variable\":{\"name\":\"HeartbeatInterval\"}}]}"),
          new Call(
              "SetVariables",
              "{\"setVariableData\":[{\"attributeValue\":\"600\",\"component\":"
                  + "{\"name\":\"OCPPCommCtrlr\"},\"variable\":{\"name\":\"HeartbeatInterval\"}}]}"),
          new Call("GetBaseReport", "{\"requestId\":2,\"reportBase\":\"SummaryInventory\"}"),
          new Call("ChangeAvailability", "{\"operationalStatus\":\"Operative\"}"),
          new Call("UnlockConnector", "{\"evseId\":1,\"connectorId\":1}"),
          new Call("DataTransfer", "{\"vendorId\":\"io.kilowire.test\"}"),
          new Call(
              "CustomerInformation",
              "{\"requestId\":3,\"report\":true,\"clear\":false,"
                  + "\"customerIdentifier\":\"OCA\"}"),
          trigger201("BootNotification"),
          trigger201("Heartbeat"),
          trigger201("StatusNotification"),
          trigger201("MeterValues"),
          trigger201("TransactionEvent"));

  /**
   * The CSMS-initiated actions whose behaviour a component (by name) or a variable (component
   * name.variable name) describes; a station that reports one must have them.
   */
  private static final Map<String, List<Call>> V201_COMPONENTS;

  static {
    List<Call> certificates =
        List.of(
            new Call(
                "InstallCertificate",
                "{\"certificateType\":\"CSMSRootCertificate\",\"certificate\":\""
                    + CERTIFICATE
                    + "\"}"),
            new Call("GetInstalledCertificateIds", "{}"),
            new Call("DeleteCertificate", "{\"certificateHashData\":" + hashData() + "}"),
            new Call("CertificateSigned", "{\"certificateChain\":\"" + CERTIFICATE + "\"}"));
    V201_COMPONENTS =
        Map.ofEntries(
            Map.entry(
                "SmartChargingCtrlr",
                List.of(
                    new Call(
                        "SetChargingProfile",
                        "{\"evseId\":1,\"chargingProfile\":{\"id\":1,\"stackLevel\":0,"
                            + "\"chargingProfilePurpose\":\"TxDefaultProfile\","
                            + "\"chargingProfileKind\":\"Relative\",\"chargingSchedule\":"
                            + "[{\"id\":1,\"chargingRateUnit\":\"A\",\"chargingSchedulePeriod\":"
                            + "[{\"startPeriod\":0,\"limit\":16}]}]}}"),
                    new Call("GetChargingProfiles", "{\"requestId\":1,\"chargingProfile\":{}}"),
                    new Call("GetCompositeSchedule", "{\"evseId\":1,\"duration\":60}"),
                    new Call("ClearChargingProfile", "{}"))),
            Map.entry(
                "LocalAuthListCtrlr",
                List.of(
                    new Call("GetLocalListVersion", "{}"),
                    new Call("SendLocalList", "{\"versionNumber\":1,\"updateType\":\"Full\"}"))),
            Map.entry("AuthCacheCtrlr", List.of(new Call("ClearCache", "{}"))),
            Map.entry(
                "TxCtrlr",
                List.of(
                    new Call(
                        "RequestStartTransaction",
                        "{\"evseId\":1,\"remoteStartId\":1,"
                            + "\"idToken\":{\"idToken\":\"TAG\",\"type\":\"ISO14443\"}}"),
                    new Call("RequestStopTransaction", "{\"transactionId\":\"none\"}"),
                    new Call("GetTransactionStatus", "{}"))),
            Map.entry(
                "ReservationCtrlr",
                List.of(
                    new Call(
                        "ReserveNow",
                        "{\"id\":1,\"expiryDateTime\":\""
                            + FUTURE
                            + "\",\"idToken\":{\"idToken\":\"TAG\",\"type\":\"ISO14443\"}}"),
                    new Call("CancelReservation", "{\"reservationId\":1}"))),
            Map.entry(
                "OCPPCommCtrlr.FileTransferProtocols",
                List.of(
                    new Call(
                        "GetLog",
                        "{\"logType\":\"DiagnosticsLog\",\"requestId\":1,"
                            + "\"log\":{\"remoteLocation\":\"https://127.0.0.1/log\"}}"),
                    new Call(
                        "UpdateFirmware",
                        "{\"requestId\":1,\"firmware\":{\"location\":\"https://127.0.0.1/fw\","
                            + "\"retrieveDateTime\":\""
                            + FUTURE
                            + "\"}}"))),
            Map.entry(
                "OCPPCommCtrlr.NetworkConfigurationPriority",
                List.of(
                    new Call(
                        "SetNetworkProfile",
                        "{\"configurationSlot\":2,\"connectionData\":{\"ocppVersion\":\"OCPP20\","
                            + "\"ocppTransport\":\"JSON\",\"ocppCsmsUrl\":\"ws://127.0.0.1:1\","
                            + "\"messageTimeout\":30,\"securityProfile\":1,"
                            + "\"ocppInterface\":\"Wired0\"}}"))),
            Map.entry("SecurityCtrlr.CertificateEntries", certificates),
            Map.entry("SecurityCtrlr.MaxCertificateChainSize", certificates),
            Map.entry(
                "SecurityCtrlr.OrganizationName",
                List.of(trigger201("SignChargingStationCertificate"))),
            Map.entry(
                "MonitoringCtrlr",
                List.of(
                    new Call(
                        "SetVariableMonitoring",
                        "{\"setMonitoringData\":[{\"value\":60,\"type\":\"Delta\","
                            + "\"severity\":5,\"component\":{\"name\":\"OCPPCommCtrlr\"},"
                            + "\"variable\":{\"name\":\"HeartbeatInterval\"}}]}"),
                    new Call("GetMonitoringReport", "{\"requestId\":1}"),
                    new Call("GetReport", "{\"requestId\":4}"),
                    new Call("SetMonitoringBase", "{\"monitoringBase\":\"All\"}"),
                    new Call("SetMonitoringLevel", "{\"severity\":1}"),
                    new Call("ClearVariableMonitoring", "{\"id\":[1]}"))),
            Map.entry(
                "DisplayMessageCtrlr",
                List.of(
                    new Call(
                        "SetDisplayMessage",
                        "{\"message\":{\"id\":1,\"priority\":\"NormalCycle\",\"message\":"
                            + "{\"format\":\"UTF8\",\"content\":\"Hello\"}}}"),
                    new Call("GetDisplayMessages", "{\"requestId\":1}"),
                    new Call("ClearDisplayMessage", "{\"id\":1}"))),
            Map.entry(
                "TariffCostCtrlr",
                List.of(new Call("CostUpdated", "{\"totalCost\":1,\"transactionId\":\"x\"}"))));
  }

  /** Requested messages of features the station does not have. */
  private static final List<String> V201_UNIMPLEMENTED_TRIGGERS =
      List.of(
          "LogStatusNotification",
          "FirmwareStatusNotification",
          "SignChargingStationCertificate",
          "SignV2GCertificate",
          "SignCombinedCertificate",
          "PublishFirmwareStatusNotification");

  @ParameterizedTest(name = "with firmware installer and log uploader: {0}")
  @ValueSource(booleans = {false, true})
  void everyTwoZeroOneComponentTheStationReportsAnswersItsActions(boolean equipped) {
    TestCsms csms = csms(OcppVersion.V201);
    station(csms, OcppVersion.V201, equipped);

    Set<String> reported = fullInventory(csms);
    assertThat(reported).contains("ReservationCtrlr.Enabled");
    boolean transfers = reported.contains("OCPPCommCtrlr.FileTransferProtocols");
    assertThat(transfers).isEqualTo(equipped);
    List<Call> calls = new ArrayList<>(V201_ALWAYS);
    Set<Call> described = new LinkedHashSet<>();
    for (String variable : reported) {
      String component = variable.substring(0, variable.indexOf('.'));
      described.addAll(V201_COMPONENTS.getOrDefault(component, List.of()));
      described.addAll(V201_COMPONENTS.getOrDefault(variable, List.of()));
    }
    calls.addAll(described);
    if (transfers) {
      calls.add(trigger201("LogStatusNotification"));
      calls.add(trigger201("FirmwareStatusNotification"));
    }
    answerAll(csms, calls);

    boolean signs = reported.contains("SecurityCtrlr.OrganizationName");
    for (String message : V201_UNIMPLEMENTED_TRIGGERS) {
      if (signs && message.startsWith("Sign")
          || transfers
              && (message.equals("LogStatusNotification")
                  || message.equals("FirmwareStatusNotification"))) {
        continue;
      }
      assertThat(answer(csms, trigger201(message)).at("/status").asText())
          .as("TriggerMessage %s", message)
          .isEqualTo("NotImplemented");
    }
    // Reset last: the station reboots on a new connection.
    answerAll(csms, List.of(new Call("Reset", "{\"type\":\"OnIdle\"}")));
  }

  private static Call trigger201(String message) {
    return new Call("TriggerMessage", "{\"requestedMessage\":\"" + message + "\"}");
  }

  /** "Component.Variable" of every variable in a FullInventory report. */
  static Set<String> fullInventory(TestCsms csms) {
    int before = csms.calls(STATION, "NotifyReport").size();
    assertThat(
            csms.call(
                    STATION, "GetBaseReport", "{\"requestId\":9,\"reportBase\":\"FullInventory\"}")
                .at("/status")
                .asText())
        .isEqualTo("Accepted");
    await()
        .atMost(WAIT)
        .until(
            () -> {
              List<Received> pages = csms.calls(STATION, "NotifyReport");
              return pages.size() > before
                  && pages.get(pages.size() - 1).at("/requestId").asInt() == 9
                  && !pages.get(pages.size() - 1).at("/tbc").asBoolean();
            });
    Set<String> variables = new LinkedHashSet<>();
    for (Received page : csms.calls(STATION, "NotifyReport")) {
      if (page.at("/requestId").asInt() == 9) {
        page.at("/reportData")
            .forEach(
                d ->
                    variables.add(
                        d.at("/component/name").asText() + "." + d.at("/variable/name").asText()));
      }
    }
    return variables;
  }

  // ------------------------------------------------------------------------------ fixtures

  /** A CSMS-initiated CALL: action and request payload. */
  record Call(String action, String payload) {}

  private final RuntimeStations stations = new RuntimeStations();

  @AfterEach
  void closeEverything() {
    stations.close();
  }

  private TestCsms csms(OcppVersion version) {
    return stations.csms(version);
  }

  /** A station; {@code equipped}: with a firmware installer and a log uploader over HTTP. */
  private void station(TestCsms csms, OcppVersion version, boolean equipped) {
    stations.station(
        csms,
        version,
        STATION,
        t -> t,
        b ->
            equipped
                ? b.firmwareInstaller(
                        new DownloadingFirmwareInstaller(
                            FileTransfers.shared(),
                            () -> "1.0",
                            List.of(),
                            (image, from) -> CompletableFuture.completedFuture("2.0")))
                    .logUploader(new HttpLogUploader(FileTransfers.shared()))
                : b);
  }

  private static JsonNode answer(TestCsms csms, Call call) {
    return csms.answer(STATION, call.action(), call.payload());
  }

  /**
   * Each call in turn: a CALLRESULT whose status (if any) is neither NotSupported nor
   * NotImplemented.
   */
  private static void answerAll(TestCsms csms, List<Call> calls) {
    List<String> failures = new ArrayList<>();
    for (Call call : calls) {
      JsonNode reply = answer(csms, call);
      String status = reply.path("status").asText();
      if (reply.has(TestCsms.CALL_ERROR)) {
        failures.add(call.action() + " -> CALLERROR " + reply.get(TestCsms.CALL_ERROR).asText());
      } else if (status.equals("NotSupported") || status.equals("NotImplemented")) {
        failures.add(call.action() + " " + call.payload() + " -> " + status);
      }
    }
    assertThat(failures).as("advertised actions the station does not do").isEmpty();
  }
}
