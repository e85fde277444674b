package io.kilowire.core.ocpp.v201;

import io.kilowire.core.ocpp.model.Constraints;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OCPP 2.0.1 {@code customData}: a vendor id plus any vendor properties. The schema leaves this one
 * object open, so the extra properties are kept as plain JSON values (String, BigDecimal, Boolean,
 * List, Map, or null) and written back unchanged.
 */
public record CustomData(String vendorId, Map<String, Object> properties) {
  public CustomData {
    Constraints.required(vendorId, "vendorId");
    Constraints.maxLength(vendorId, 255, "vendorId");
    properties =
        properties == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }

  public static CustomData of(String vendorId) {
    return new CustomData(vendorId, Map.of());
  }
}
