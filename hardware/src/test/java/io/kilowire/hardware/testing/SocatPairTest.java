package io.kilowire.hardware.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocatPairTest {
  @TempDir Path dir;

  @Test
  void missingSocatFailsWithAClearMessage() {
    assertThatThrownBy(() -> SocatPair.findSocat(dir.toString()))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("socat is required")
        .hasMessageContaining(".ci/run");
  }

  @Test
  void bytesCrossThePairBothWays() throws Exception {
    try (SocatPair pair = SocatPair.start(dir);
        DevicePort a = new DevicePort(pair.driverEnd(), 115_200);
        DevicePort b = new DevicePort(pair.deviceEnd(), 115_200)) {
      a.write("ping\n");
      assertThat(b.readUntil('\n', 2_000)).isEqualTo("ping");
      b.write(new byte[] {1, 2, (byte) 0xFF});
      assertThat(a.readExactly(3, 2_000)).containsExactly(1, 2, 0xFF);
      assertThat(Files.readString(dir.resolve("socat.log"), StandardCharsets.UTF_8))
          .contains("PTY is");
    }
    // The links go away with socat.
    assertThat(Files.exists(dir.resolve("ttyA"))).isFalse();
  }
}
