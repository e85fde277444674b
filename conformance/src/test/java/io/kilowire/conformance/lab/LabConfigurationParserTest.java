package io.kilowire.conformance.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kilowire.conformance.script.TokenRole;
import io.kilowire.core.ocpp.OcppVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabConfigurationParserTest {
  static final String ISSUE_EXAMPLE =
      """
      {"csms":"ws://127.0.0.1:9000/ocpp","protocol":"ocpp2.0.1",
       "stations":[{"id":"KWC-SP0","securityProfile":0},
                   {"id":"KWC-SP1","securityProfile":1,"password":"0123456789abcdef"}],
       "evses":[{"id":1,"connectors":1},{"id":2,"connectors":1}],
       "tokens":{"valid":{"idToken":"VALID01","type":"ISO14443"},
                 "invalid":{"idToken":"INVALID01","type":"ISO14443"},
                 "blocked":{"idToken":"BLOCKED01","type":"ISO14443"},
                 "expired":{"idToken":"EXPIRED01","type":"ISO14443"},
                 "group":{"idToken":"GROUP01","type":"Central"}},
       "features":["C-11","C-13","SC-4"],"driver":"http:http://127.0.0.1:9100/trigger",
       "timeouts":{"trigger":"30s","response":"10s"}}
      """;

  @Nested
  class AGoodFile {
    @Test
    void readsEveryFieldOfTheDocumentedExample() {
      LabConfiguration lab = LabConfigurationParser.parse(ISSUE_EXAMPLE, false);

      assertThat(lab.csms()).hasToString("ws://127.0.0.1:9000/ocpp");
      assertThat(lab.protocol()).isEqualTo(OcppVersion.V201);
      assertThat(lab.stations())
          .extracting(LabConfiguration.Station::securityProfile)
          .containsExactly(0, 1);
      assertThat(lab.evses()).hasSize(2);
      assertThat(lab.tokens().get(TokenRole.GROUP).type()).isEqualTo("Central");
      assertThat(lab.features()).containsExactlyInAnyOrder("C-11", "C-13", "SC-4");
      assertThat(lab.driver()).isEqualTo("http:http://127.0.0.1:9100/trigger");
      assertThat(lab.timeouts().trigger()).isEqualTo(Duration.ofSeconds(30));
      assertThat(lab.timeouts().reservation()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void fillsTokensTheFileLeavesOutWithDefaults() {
      LabConfiguration lab = LabConfigurationParser.parse(ISSUE_EXAMPLE, false);

      assertThat(lab.tokens().get(TokenRole.VALID2).idToken()).isEqualTo("0A1B2C3E");
    }

    @Test
    void readsYaml() {
      LabConfiguration lab =
          LabConfigurationParser.parse(
              """
              csms: wss://csms.example/ocpp
              protocol: ocpp1.6
              stations:
                - id: CP-1
                  securityProfile: 2
                  password: "0123456789abcdef0123"
              """,
              true);

      assertThat(lab.protocol()).isEqualTo(OcppVersion.V16);
      assertThat(lab.stations().get(0).password()).isEqualTo("0123456789abcdef0123");
      assertThat(lab.driver()).isEqualTo("prompt");
    }
  }

  @Test
  void readsCertificatePathsRelativeToTheFilesFolder(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("ca.pem"), "-");
    Files.createDirectories(dir.resolve("sp3"));
    Files.writeString(dir.resolve("sp3/client.pem"), "-");
    Files.writeString(dir.resolve("sp3/client-key.pem"), "-");
    Path file = dir.resolve("lab.yaml");
    Files.writeString(
        file,
        """
        csms: wss://127.0.0.1:9443/ocpp
        protocol: ocpp2.0.1
        stations:
          - id: KWC-SP3
            securityProfile: 3
            caCertificate: ca.pem
            clientCertificate: sp3/client.pem
            clientKey: sp3/client-key.pem
        """);

    LabConfiguration.Station station = LabConfigurationParser.read(file).stations().get(0);

    assertThat(station.caCertificate()).isEqualTo(dir.resolve("ca.pem"));
    assertThat(station.clientCertificate()).isEqualTo(dir.resolve("sp3/client.pem"));
    assertThat(station.clientKey()).isEqualTo(dir.resolve("sp3/client-key.pem"));
  }

  @Test
  void readsTheContractRootAndTheResponderAddress(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("mo-root.pem"), "-");
    Files.writeString(dir.resolve("mo-root-key.pem"), "-");
    Path file = dir.resolve("lab.json");
    Files.writeString(
        file,
        """
        {"csms":"ws://127.0.0.1:9000/ocpp","protocol":"ocpp2.0.1","stations":[{"id":"A"}],
         "contracts":{"rootCertificate":"mo-root.pem","rootKey":"mo-root-key.pem",
                      "ocspResponder":"http://192.0.2.7:9200/ocsp"}}
        """);

    LabConfiguration lab = LabConfigurationParser.read(file);

    assertThat(lab.contracts().rootCertificate()).isEqualTo(dir.resolve("mo-root.pem"));
    assertThat(lab.contracts().rootKey()).isEqualTo(dir.resolve("mo-root-key.pem"));
    assertThat(lab.contracts().ocspResponder()).hasToString("http://192.0.2.7:9200/ocsp");
    assertThat(lab.tokens().get(TokenRole.CONTRACT).type()).isEqualTo("eMAID");
  }

  @Test
  void aBadResponderAddressIsNamed(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("r.pem"), "-");
    String text =
        """
        {"csms":"ws://127.0.0.1:9000/ocpp","protocol":"ocpp2.0.1","stations":[{"id":"A"}],
         "contracts":{"rootCertificate":"r.pem","rootKey":"r.pem","ocspResponder":"ftp://x/"}}
        """;

    assertThatThrownBy(() -> LabConfigurationParser.parse(text, false, dir))
        .hasMessageStartingWith("contracts.ocspResponder: expected an http:// URL");
  }

  @Nested
  class ABadFieldIsNamed {
    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "\"csms\":\"http://x/\" | csms: expected a ws:// or wss:// URL",
          "\"protocol\":\"ocpp2.2\" | protocol: expected ocpp1.6, ocpp2.0.1 or ocpp2.1, got ocpp2.2",
          "\"stations\":[{\"id\":\"A\",\"securityProfile\":5}] | stations[0].securityProfile: expected 0, 1, 2 or 3, got 5",
          "\"stations\":[{\"id\":\"A\",\"securityProfile\":1}] | stations[0].password: security profile 1 needs a password",
          "\"stations\":[{\"id\":\"A\",\"pasword\":\"x\"}] | stations[0].pasword: unknown field",
          "\"features\":[\"C11\"] | features[0]: expected a feature id",
          "\"driver\":\"ftp:x\" | driver: expected prompt, exec:COMMAND or http:URL",
          "\"timeouts\":{\"trigger\":\"30 sec\"} | timeouts.trigger: expected a duration",
          "\"timeouts\":{\"reservation\":\"soon\"} | timeouts.reservation: expected a duration",
          "\"tokens\":{\"valid\":{\"idToken\":\"V\",\"type\":\"RFID\"}} | tokens.valid.type: expected one of",
          "\"evses\":[{\"id\":0}] | evses[0].id: expected 1 to 9999, got 0",
          "\"colour\":\"blue\" | colour: unknown field",
          "\"stations\":[{\"id\":\"A\",\"securityProfile\":3}] | stations[0].clientCertificate: security profile 3 needs a client certificate and its key",
          "\"stations\":[{\"id\":\"A\",\"caCertificate\":\"no/such/ca.pem\"}] | stations[0].caCertificate: cannot read the PEM file",
          "\"contracts\":{\"rootCertificate\":\"no/such/root.pem\"} | contracts.rootCertificate: cannot read the PEM file",
          "\"contracts\":{\"rootKey\":\"k.pem\"} | contracts.rootCertificate: is required",
          "\"contracts\":{\"root\":\"r.pem\"} | contracts.root: unknown field"
        })
    void withWhatIsWrongWithIt(String override, String message) {
      String text = withField(override);

      assertThatThrownBy(() -> LabConfigurationParser.parse(text, false))
          .isInstanceOf(LabConfigurationException.class)
          .hasMessageStartingWith(message);
    }

    @Test
    void aMissingRequiredFieldIsNamed() {
      assertThatThrownBy(() -> LabConfigurationParser.parse("{\"protocol\":\"ocpp1.6\"}", false))
          .hasMessage("csms: is required");
    }

    @Test
    void brokenJsonSaysSo() {
      assertThatThrownBy(() -> LabConfigurationParser.parse("{\"csms\":", false))
          .hasMessageStartingWith("not valid JSON");
    }
  }

  /** The minimal valid file with one field replaced or added. */
  private static String withField(String field) {
    String name = field.substring(1, field.indexOf('"', 1));
    StringBuilder json = new StringBuilder("{");
    json.append(field);
    if (!name.equals("csms")) {
      json.append(",\"csms\":\"ws://127.0.0.1:9000/\"");
    }
    if (!name.equals("protocol")) {
      json.append(",\"protocol\":\"ocpp2.0.1\"");
    }
    if (!name.equals("stations")) {
      json.append(",\"stations\":[{\"id\":\"CP\"}]");
    }
    return json.append('}').toString();
  }
}
