package io.kilowire.conformance.cases.v201;

import io.kilowire.conformance.cases.ConformanceCase;
import java.util.List;

/** How every OCPP 2.0.1 case begins: connected and Booted (Part 6's general pre conditions). */
final class Start {
  private Start() {}

  static ConformanceCase.Builder of(String id, String title) {
    return ConformanceCase.v201(id, title).preamble(List.of(States.booted()));
  }
}
