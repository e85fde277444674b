package io.kilowire.conformance.cases.v16;

import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.cases.Profile;
import java.util.List;

/** How every OCPP 1.6 case begins: connected and Booted. */
final class Start {
  private Start() {}

  static ConformanceCase.Builder of(String id, String title, Profile profile) {
    return ConformanceCase.v16(id, title, profile).preamble(List.of(States.booted()));
  }
}
