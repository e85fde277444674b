package io.kilowire.conformance.variants;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.kilowire.conformance.script.Json;
import java.util.List;

/** The faulty variants of block M (certificate management). */
final class CertificateVariants {
  private CertificateVariants() {}

  static List<Variant> all() {
    return List.of(
        new Variant("installs-wrong-type", "installs its certificate as another certificateType") {
          @Override
          ArrayNode call(String action, ArrayNode frame) {
            if (!action.equals("InstallCertificate")) {
              return frame;
            }
            boolean v2g = has(payload(frame), "certificateType", "V2GRootCertificate");
            return set(frame, "certificateType", v2g ? "MORootCertificate" : "V2GRootCertificate");
          }
        },
        new Variant("lists-wrong-type", "asks GetInstalledCertificateIds for another type") {
          @Override
          ArrayNode call(String action, ArrayNode frame) {
            if (!action.equals("GetInstalledCertificateIds")) {
              return frame;
            }
            boolean mo =
                payload(frame).path("certificateType").toString().contains("MORootCertificate");
            return set(
                frame,
                "certificateType",
                Json.arr(mo ? "V2GRootCertificate" : "MORootCertificate"));
          }
        },
        new Variant(
            "deletes-other-certificate",
            "deletes by a serial number other than the one the station reported") {
          @Override
          ArrayNode call(String action, ArrayNode frame) {
            return action.equals("DeleteCertificate")
                ? set(frame, "certificateHashData.serialNumber", "ffff")
                : frame;
          }
        },
        new Variant("ocsp-failed", "answers every GetCertificateStatus Failed") {
          @Override
          ArrayNode result(String action, JsonNode request, ArrayNode frame) {
            return action.equals("GetCertificateStatus")
                ? remove(set(frame, "status", "Failed"), "ocspResult")
                : frame;
          }
        },
        new Variant("ev-certificate-failed", "answers every Get15118EVCertificate Failed") {
          @Override
          ArrayNode result(String action, JsonNode request, ArrayNode frame) {
            return action.equals("Get15118EVCertificate") ? set(frame, "status", "Failed") : frame;
          }
        });
  }
}
