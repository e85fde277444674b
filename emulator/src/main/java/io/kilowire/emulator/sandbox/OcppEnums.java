package io.kilowire.emulator.sandbox;

import io.kilowire.core.ocpp.model.OcppEnum;

/** Schema enum constants by their wire spelling. */
final class OcppEnums {
  private OcppEnums() {}

  static <E extends Enum<E> & OcppEnum> E of(Class<E> type, String value) {
    for (E constant : type.getEnumConstants()) {
      if (constant.value().equals(value)) {
        return constant;
      }
    }
    throw new IllegalArgumentException(value + " is not a " + type.getSimpleName());
  }
}
