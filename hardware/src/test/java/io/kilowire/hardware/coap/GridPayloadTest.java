package io.kilowire.hardware.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GridPayloadTest {
  private final GridPayload parser = new GridPayload(4000, 5_000_000);

  private GridReading parse(String json) throws GridPayload.Rejected {
    return parser.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aDocumentedPayloadParses() throws Exception {
    GridReading r = parse("{\"ts\":\"2026-11-23T05:00:00+01:00\",\"a\":[12.5,0,3],\"w\":-4200}");

    assertThat(r.at()).isEqualTo(Instant.parse("2026-11-23T04:00:00Z"));
    assertThat(r.l1A()).isEqualTo(12.5);
    assertThat(r.l2A()).isZero();
    assertThat(r.l3A()).isEqualTo(3.0);
    // Exporting sites report negative power; that is a value, not a fault.
    assertThat(r.totalW()).isEqualTo(-4200.0);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "null",
        "{\"ts\":12,\"a\":[1,2,3],\"w\":1}",
        "{\"ts\":\"2026-11-23T04:00:00\",\"a\":[1,2,3],\"w\":1}",
        "{\"ts\":\"2026-11-23T04:00:00Z\",\"a\":[1,2,3,4],\"w\":1}",
        "{\"ts\":\"2026-11-23T04:00:00Z\",\"a\":[1,null,3],\"w\":1}",
        "{\"ts\":\"2026-11-23T04:00:00Z\",\"a\":[1,2,3],\"w\":\"1\"}",
        "{\"ts\":\"2026-11-23T04:00:00Z\",\"a\":[1,2,3],\"w\":Infinity}"
      })
  void malformedPayloadsAreRejected(String json) {
    assertThatThrownBy(() -> parse(json))
        .isInstanceOfSatisfying(
            GridPayload.Rejected.class,
            e -> assertThat(e.kind).isEqualTo(GridFault.Kind.MALFORMED));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"ts\":\"2026-11-23T04:00:00Z\",\"a\":[-0.1,2,3],\"w\":1}",
        "{\"ts\":\"2026-11-23T04:00:00Z\",\"a\":[1,4000.5,3],\"w\":1}",
        "{\"ts\":\"2026-11-23T04:00:00Z\",\"a\":[1,2,-1e999],\"w\":1}",
        "{\"ts\":\"2026-11-23T04:00:00Z\",\"a\":[1,2,3],\"w\":-5000001}"
      })
  void impossibleValuesAreOutOfRange(String json) {
    assertThatThrownBy(() -> parse(json))
        .isInstanceOfSatisfying(
            GridPayload.Rejected.class,
            e -> assertThat(e.kind).isEqualTo(GridFault.Kind.OUT_OF_RANGE));
  }
}
