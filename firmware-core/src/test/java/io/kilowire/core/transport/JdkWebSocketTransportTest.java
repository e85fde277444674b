package io.kilowire.core.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JdkWebSocketTransportTest {
  @Test
  void loneSurrogatesAreEscapedAndPairsAndEverythingElseKept() {
    String pair = "\ud83d\udd0c"; // an electric plug
    assertThat(JdkWebSocketTransport.escapeLoneSurrogates("[2,\"a\",\"X\",{\"d\":\"\ud800\"}]"))
        .isEqualTo("[2,\"a\",\"X\",{\"d\":\"\\ud800\"}]");
    assertThat(JdkWebSocketTransport.escapeLoneSurrogates("\udc00" + pair + "é\ud83d"))
        .isEqualTo("\\udc00" + pair + "é\\ud83d");
    String plain = "[3,\"b\",{}]";
    assertThat(JdkWebSocketTransport.escapeLoneSurrogates(plain)).isSameAs(plain);
  }
}
