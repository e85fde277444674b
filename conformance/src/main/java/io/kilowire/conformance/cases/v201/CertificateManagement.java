package io.kilowire.conformance.cases.v201;

import static io.kilowire.conformance.script.Expect.absent;
import static io.kilowire.conformance.script.Expect.is;
import static io.kilowire.conformance.script.Expect.that;
import static io.kilowire.conformance.script.Json.arr;
import static io.kilowire.conformance.script.Json.obj;
import static io.kilowire.conformance.script.Verbs.check;
import static io.kilowire.conformance.script.Verbs.exchange;
import static io.kilowire.conformance.script.Verbs.expectCall;
import static io.kilowire.conformance.script.Verbs.respond;
import static io.kilowire.conformance.script.Verbs.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.cases.Profile;
import io.kilowire.conformance.script.Expectation;
import io.kilowire.conformance.script.Payload;
import io.kilowire.conformance.script.Step;
import io.kilowire.core.station.certificates.PemCertificates;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Block M, ISO 15118 certificate management: the CSMS installs CA certificates (M05), lists them by
 * type (M03) and deletes one by the hash data the station reported (M04); the station asks for an
 * EV's contract certificate (M01, M02) and for OCSP status (M06) and the CSMS answers.
 */
public final class CertificateManagement {
  private CertificateManagement() {}

  /** Hash data the suite reports for an installed certificate of each type (any will do). */
  private static ObjectNode hashData(String algorithm, String serial) {
    return obj(
        "hashAlgorithm",
        algorithm,
        "issuerNameHash",
        "7f4a6e3c2b1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f",
        "issuerKeyHash",
        "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9",
        "serialNumber",
        serial);
  }

  public static List<ConformanceCase> cases() {
    List<ConformanceCase> all = new ArrayList<>();
    String[][] installs = {
      {"TC_M_01_CSMS", "CSMSRootCertificate"},
      {"TC_M_02_CSMS", "ManufacturerRootCertificate"},
      {"TC_M_03_CSMS", "V2GRootCertificate"},
      {"TC_M_04_CSMS", "MORootCertificate"}
    };
    for (String[] c : installs) {
      all.add(
          Start.of(c[0], "Install CA certificate: " + c[1])
              .profile(Profile.ISO15118)
              .useCases("M05")
              .requirements("M05.FR.01")
              .main(certificateInstalled(c[1], "Accepted")));
    }
    all.add(
        Start.of("TC_M_05_CSMS", "Install CA certificate: the station fails to install it")
            .profile(Profile.ISO15118)
            .useCases("M05")
            .requirements("M05.FR.01", "M05.FR.03")
            .main(certificateInstalled("CSMSRootCertificate", "Failed")));
    all.add(
        Start.of("TC_M_12_CSMS", "Retrieve certificates: CSMSRootCertificate in every hash")
            .profile(Profile.ISO15118)
            .useCases("M03")
            .requirements("M03.FR.01")
            .main(
                getInstalled("CSMSRootCertificate", "SHA256"),
                getInstalled("CSMSRootCertificate", "SHA384"),
                getInstalled("CSMSRootCertificate", "SHA512")));
    String[][] lists = {
      {"TC_M_13_CSMS", "ManufacturerRootCertificate"},
      {"TC_M_14_CSMS", "V2GRootCertificate"},
      {"TC_M_15_CSMS", "V2GCertificateChain"},
      {"TC_M_16_CSMS", "MORootCertificate"}
    };
    for (String[] c : lists) {
      all.add(
          Start.of(c[0], "Retrieve certificates: " + c[1])
              .profile(Profile.ISO15118)
              .useCases("M03")
              .requirements(
                  c[1].equals("V2GCertificateChain")
                      ? new String[] {"M03.FR.01", "M03.FR.05"}
                      : new String[] {"M03.FR.01"})
              .main(getInstalled(c[1], "SHA256")));
    }
    all.add(
        Start.of("TC_M_17_CSMS", "Retrieve certificates: CSMS and manufacturer roots at once")
            .profile(Profile.ISO15118)
            .useCases("M03")
            .requirements("M03.FR.01")
            .main(
                askForInstalled(
                    arr("CSMSRootCertificate", "ManufacturerRootCertificate"),
                    "Make the CSMS list the CSMSRootCertificates and ManufacturerRootCertificates"
                        + " of this station"),
                expectCall(
                    "GetInstalledCertificateIds",
                    check("certificateType", hasTypes("CSMSRootCertificate"), "M03.FR.01"),
                    check("certificateType", hasTypes("ManufacturerRootCertificate"))),
                respond(
                    installedResponse(
                        chain("CSMSRootCertificate", "SHA256", "1a"),
                        chain("ManufacturerRootCertificate", "SHA256", "1b")))));
    all.add(
        Start.of("TC_M_18_CSMS", "Retrieve certificates: every type")
            .profile(Profile.ISO15118)
            .useCases("M03")
            .requirements("M03.FR.01")
            .main(
                trigger(
                    "GetInstalledCertificateIds",
                    Payload.empty(),
                    "Make the CSMS list every certificate of this station, without a type"),
                expectCall("GetInstalledCertificateIds", check("certificateType", absent())),
                respond(
                    installedResponse(
                        chain("CSMSRootCertificate", "SHA256", "2a"),
                        chain("V2GRootCertificate", "SHA256", "2b")))));
    all.add(
        Start.of("TC_M_19_CSMS", "Retrieve certificates: none found")
            .profile(Profile.ISO15118)
            .useCases("M03")
            .requirements("M03.FR.01", "M03.FR.02")
            .main(
                askForInstalled(
                    arr("ManufacturerRootCertificate"),
                    "Make the CSMS list the ManufacturerRootCertificates of this station"),
                expectCall(
                    "GetInstalledCertificateIds",
                    check("certificateType", hasTypes("ManufacturerRootCertificate"))),
                respond(obj("status", "NotFound"))));
    all.add(
        Start.of("TC_M_20_CSMS", "Delete a certificate: accepted, in every hash algorithm")
            .profile(Profile.ISO15118)
            .useCases("M04")
            .requirements("M04.FR.01", "M04.FR.07")
            .main(
                deleteListed("SHA256", "3a", "Accepted"),
                deleteListed("SHA384", "3b", "Accepted"),
                deleteListed("SHA512", "3c", "Accepted")));
    all.add(
        Start.of("TC_M_21_CSMS", "Delete a certificate: the station fails to delete it")
            .profile(Profile.ISO15118)
            .useCases("M04")
            .requirements("M04.FR.01", "M04.FR.07")
            .before(certificateInstalled("CSMSRootCertificate", "Accepted"))
            .main(deleteListed("SHA256", "4a", "Failed")));
    all.add(
        Start.of("TC_M_24_CSMS", "Get the OCSP status of the station's V2G sub-CA")
            .profile(Profile.ISO15118)
            .useCases("M06")
            .requirements("M06.FR.01", "M06.FR.02", "M06.FR.03", "M06.FR.08", "M06.FR.09")
            .main(
                exchange(
                    "GetCertificateStatus",
                    Payload.of(
                        obj(
                            "ocspRequestData",
                            hashData("SHA256", "5a")
                                .put("responderURL", "http://ocsp.example.invalid/"))),
                    check("status", is("Accepted"), "M06.FR.02"),
                    check("ocspResult", derOcspResponse(), "M06.FR.08"))));
    all.add(evCertificate("TC_M_26_CSMS", "Install", "M01"));
    all.add(evCertificate("TC_M_28_CSMS", "Update", "M02"));
    return all;
  }

  /** Reusable State CertificateInstalled: the CSMS installs a certificate of that type. */
  static List<Step> certificateInstalled(String type, String answer) {
    return List.of(
        trigger(
            "InstallCertificate",
            Payload.of(obj("certificateType", type)),
            "Make the CSMS install its " + type + " on this station"),
        expectCall(
            "InstallCertificate",
            check("certificateType", is(type), "M05.FR.01"),
            check("certificate", pemCertificate())),
        respond(obj("status", answer)));
  }

  /** Reusable State GetInstalledCertificates, the suite answering in {@code algorithm}. */
  private static List<Step> getInstalled(String type, String algorithm) {
    return List.of(
        askForInstalled(arr(type), "Make the CSMS list the " + type + "s of this station"),
        expectCall("GetInstalledCertificateIds", check("certificateType", hasTypes(type))),
        respond(installedResponse(chain(type, algorithm, "6" + algorithm.substring(3)))));
  }

  private static Step askForInstalled(JsonNode types, String instruction) {
    return trigger(
        "GetInstalledCertificateIds", Payload.of(obj("certificateType", types)), instruction);
  }

  /**
   * M04: the CSMS lists the CSMS roots, the suite reports one in {@code algorithm}, and the CSMS
   * deletes it by exactly that hash data (M04.FR.07).
   */
  private static List<Step> deleteListed(String algorithm, String serial, String answer) {
    ObjectNode reported = hashData(algorithm, serial);
    List<Step> steps = new ArrayList<>();
    steps.add(
        askForInstalled(
            arr("CSMSRootCertificate"),
            "Make the CSMS list the CSMSRootCertificates of this station, to delete one"));
    steps.add(
        expectCall(
            "GetInstalledCertificateIds",
            check(
                "certificateType",
                that(
                    "CSMSRootCertificate or omitted",
                    v -> v.isMissingNode() || v.isNull() || hasType(v, "CSMSRootCertificate")))));
    steps.add(
        respond(
            installedResponse(
                obj(
                    "certificateType",
                    "CSMSRootCertificate",
                    "certificateHashData",
                    reported.deepCopy()))));
    steps.add(
        trigger(
            "DeleteCertificate",
            Payload.of(obj("certificateHashData", reported.deepCopy())),
            "Make the CSMS delete the CSMSRootCertificate this station just reported"));
    steps.add(
        expectCall(
            "DeleteCertificate",
            check("certificateHashData.hashAlgorithm", is(algorithm), "M04.FR.07"),
            check("certificateHashData.serialNumber", is(serial), "M04.FR.07"),
            check(
                "certificateHashData.issuerNameHash", is(reported.get("issuerNameHash").asText())),
            check(
                "certificateHashData.issuerKeyHash", is(reported.get("issuerKeyHash").asText()))));
    steps.add(respond(obj("status", answer)));
    return steps;
  }

  private static ConformanceCase evCertificate(String id, String action, String useCase) {
    return Start.of(id, "EV contract certificate: " + action + " passed on to the CSMS")
        .profile(Profile.ISO15118)
        .useCases(useCase)
        .requirements(useCase + ".FR.01")
        .main(
            exchange(
                "Get15118EVCertificate",
                Payload.of(
                    obj(
                        "iso15118SchemaVersion",
                        "urn:iso:15118:2:2013:MsgDef",
                        "action",
                        action,
                        "exiRequest",
                        Base64.getEncoder().encodeToString(new byte[] {(byte) 0x80, 0x00, 0x01}))),
                check("status", is("Accepted")),
                check("exiResponse", base64())));
  }

  private static ObjectNode chain(String type, String algorithm, String serial) {
    return obj("certificateType", type, "certificateHashData", hashData(algorithm, serial));
  }

  private static Payload installedResponse(ObjectNode... chains) {
    return Payload.of(
        obj("status", "Accepted", "certificateHashDataChain", arr((Object[]) chains)));
  }

  private static Expectation hasTypes(String type) {
    return that("a list holding " + type, v -> hasType(v, type));
  }

  private static boolean hasType(JsonNode v, String type) {
    if (!v.isArray()) {
      return false;
    }
    for (JsonNode t : v) {
      if (t.asText().equals(type)) {
        return true;
      }
    }
    return false;
  }

  private static Expectation pemCertificate() {
    return that(
        "a PEM X.509 certificate",
        v -> {
          try {
            PemCertificates.parse(v.asText());
            return true;
          } catch (IllegalArgumentException e) {
            return false;
          }
        });
  }

  private static Expectation base64() {
    return that(
        "Base64 text",
        v -> {
          try {
            return v.isTextual() && Base64.getDecoder().decode(v.asText()).length > 0;
          } catch (IllegalArgumentException e) {
            return false;
          }
        });
  }

  /** RFC 6960 OCSPResponse, DER, in Base64: an ASN.1 SEQUENCE at least. */
  private static Expectation derOcspResponse() {
    return that(
        "a DER OCSPResponse in Base64 (RFC 6960)",
        v -> {
          try {
            byte[] der = Base64.getDecoder().decode(v.asText());
            return der.length >= 5 && der[0] == 0x30;
          } catch (IllegalArgumentException e) {
            return false;
          }
        });
  }
}
