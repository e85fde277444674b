package io.kilowire.core.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectionUrlTest {
  @Test
  void theStationIdIsAppendedAsOnePathSegment() {
    assertEquals(
        URI.create("ws://csms.example:8080/ocpp/CP001"),
        ConnectionUrl.of(URI.create("ws://csms.example:8080/ocpp"), "CP001"));
  }

  @Test
  void aBaseEndingInSlashDoesNotProduceADoubleSlash() {
    assertEquals(
        URI.create("wss://csms.example/ocpp/CP001"),
        ConnectionUrl.of(URI.create("wss://csms.example/ocpp/"), "CP001"));
  }

  @Test
  void aBaseWithoutPathGetsTheIdRightAfterTheAuthority() {
    assertEquals(
        URI.create("ws://127.0.0.1:9000/CP001"),
        ConnectionUrl.of(URI.create("ws://127.0.0.1:9000"), "CP001"));
    assertEquals(
        URI.create("ws://127.0.0.1:9000/CP001"),
        ConnectionUrl.of(URI.create("ws://127.0.0.1:9000/"), "CP001"));
  }

  @ParameterizedTest(name = "''{0}'' -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "CP 001|CP%20001",
        "CP+1|CP%2B1",
        "a/b|a%2Fb",
        "a?b#c|a%3Fb%23c",
        "100%|100%25",
        "Zähler|Z%C3%A4hler",
        "id:1|id%3A1",
        "Az09-._~|Az09-._~"
      })
  void theIdIsPercentEncodedAsAnRfc3986PathSegment(String id, String encoded) {
    assertEquals(encoded, ConnectionUrl.encodeSegment(id));
  }

  @Test
  void aSpaceBecomesPercent20NeverPlus() {
    assertEquals("ws://h/CP%201", ConnectionUrl.of(URI.create("ws://h"), "CP 1").toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"CP 001", "CP+1", "a/b", "Zähler", "100%", "emoji 😀"})
  void decodingReversesEncoding(String id) {
    assertEquals(id, ConnectionUrl.decodeSegment(ConnectionUrl.encodeSegment(id)));
  }

  @Test
  void decodingKeepsAPlusSign() {
    assertEquals("CP+1", ConnectionUrl.decodeSegment("CP+1"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"CP%2", "CP%G1", "%C3%28"})
  void malformedEscapesAreRefused(String segment) {
    assertThrows(IllegalArgumentException.class, () -> ConnectionUrl.decodeSegment(segment));
  }

  @Test
  void aBaseWithAQueryIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ConnectionUrl.of(URI.create("ws://h/ocpp?x=1"), "CP1"));
  }
}
