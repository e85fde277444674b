package io.kilowire.conformance.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.conformance.pki.Certificates;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The hand-written TLS 1.1 ClientHello of TC_A_06 against a real third-party TLS server, OpenSSL's
 * {@code s_server} on 127.0.0.1: a server that still takes TLS 1.1 answers it with a ServerHello,
 * one that does not turns it away.
 */
class TlsInspectorIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @Test
  void aServerStillTakingTls11IsSeenToAcceptIt() throws Exception {
    assertThat(probe("-tls1_1", "-cipher", "ALL:@SECLEVEL=0")).isTrue();
  }

  @Test
  void aServerOnTls12OnlyIsSeenToRefuseIt() throws Exception {
    assertThat(probe("-tls1_2")).isFalse();
  }

  /** Starts {@code openssl s_server} with {@code options}, probes it once, stops it. */
  private static boolean probe(String... options) throws Exception {
    Path[] files = Certificates.selfSignedFiles("127.0.0.1");
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                "openssl",
                "s_server",
                "-accept",
                "127.0.0.1:" + port,
                "-cert",
                files[0].toString(),
                "-key",
                files[1].toString(),
                "-naccept",
                "1"));
    command.addAll(List.of(options));
    Process server = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(server.getInputStream(), StandardCharsets.US_ASCII));
      String line;
      // s_server prints ACCEPT once it listens
      while ((line = out.readLine()) != null && !line.startsWith("ACCEPT")) {
        // skip its preamble
      }
      assertThat(line).as("openssl s_server did not start").isNotNull();
      return TlsInspector.acceptsTls11("127.0.0.1", port, TIMEOUT);
    } finally {
      server.destroy();
      server.waitFor(5, TimeUnit.SECONDS);
    }
  }
}
