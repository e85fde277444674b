package io.kilowire.conformance.variants;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import java.util.Set;

/**
 * The faulty variants of the firmware and log cases (2.0.1 block L and N01, the 1.6 Firmware
 * Management profile).
 */
final class FileTransferVariants {
  private FileTransferVariants() {}

  private static final String ELSEWHERE = "https://elsewhere.example/other";

  private static final Set<String> STATUS_NOTIFICATIONS =
      Set.of(
          "FirmwareStatusNotification",
          "PublishFirmwareStatusNotification",
          "LogStatusNotification",
          "DiagnosticsStatusNotification");

  static List<Variant> all() {
    return List.of(
        new Variant(
            "transfers-elsewhere",
            "names another location or checksum in every firmware and log request") {
          @Override
          ArrayNode call(String action, ArrayNode frame) {
            JsonNode p = payload(frame);
            return switch (action) {
              case "UpdateFirmware" ->
                  p.has("firmware")
                      ? set(frame, "firmware.location", ELSEWHERE)
                      : set(frame, "location", ELSEWHERE);
              case "GetDiagnostics" -> set(frame, "location", ELSEWHERE);
              case "GetLog" -> set(frame, "log.remoteLocation", ELSEWHERE);
              case "PublishFirmware" ->
                  set(
                      set(frame, "location", ELSEWHERE),
                      "checksum",
                      "00000000000000000000000000000000");
              case "UnpublishFirmware" ->
                  set(frame, "checksum", "00000000000000000000000000000000");
              default -> frame;
            };
          }
        },
        new Variant(
            "refuses-transfer-statuses",
            "answers firmware, publish, log and diagnostics status notifications with CALLERROR"
                + " NotImplemented") {
          @Override
          ArrayNode result(String action, JsonNode request, ArrayNode frame) {
            return STATUS_NOTIFICATIONS.contains(action) ? error(frame, "NotImplemented") : frame;
          }
        });
  }
}
