package io.kilowire.conformance.variants;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Edits of payloads that several variants share. */
final class ObjectNodeEdit {
  private ObjectNodeEdit() {}

  /** Turns a SetChargingProfileRequest into one for something else. */
  static void profile(ObjectNode request) {
    ObjectNode profile = (ObjectNode) request.path("chargingProfile");
    String purpose = profile.path("chargingProfilePurpose").asText();
    profile.put(
        "chargingProfilePurpose",
        purpose.equals("TxDefaultProfile") ? "ChargingStationMaxProfile" : "TxDefaultProfile");
    profile.put("stackLevel", profile.path("stackLevel").asInt() + 3);
    profile.put("id", profile.path("id").asInt() + 1000);
    profile.remove("transactionId");
    for (JsonNode schedule : profile.path("chargingSchedule")) {
      for (JsonNode period : schedule.path("chargingSchedulePeriod")) {
        ((ObjectNode) period)
            .put("limit", period.path("limit").decimalValue().add(java.math.BigDecimal.ONE));
      }
    }
  }
}
