package io.kilowire.hardware.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ModbusRtuCodecTest {
  private static byte[] hex(String s) {
    return HexFormat.ofDelimiter(" ").parseHex(s);
  }

  @Test
  void crcMatchesTheCatalogueCheckValue() {
    byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
    assertThat(ModbusRtuCodec.crc16(check, 0, check.length)).isEqualTo(0x4B37);
  }

  @Test
  void readRequestsCarryTheCrcLowByteFirst() {
    assertThat(ModbusRtuCodec.readRequest(1, 3, 0, 1)).isEqualTo(hex("01 03 00 00 00 01 84 0a"));
    assertThat(ModbusRtuCodec.readRequest(1, 4, 0, 2)).isEqualTo(hex("01 04 00 00 00 02 71 cb"));
    // SDM import energy on unit 11 (addresses 1..10 are often taken by other bus users).
    assertThat(ModbusRtuCodec.readRequest(11, 4, 0x48, 2))
        .isEqualTo(hex("0b 04 00 48 00 02 f1 77"));
  }

  @Test
  void float32IsHighWordFirst() {
    // 230.5 = 0x43668000; 1234.567 = 0x449A5225.
    assertThat(ModbusRtuCodec.float32Registers(230.5f)).containsExactly(0x4366, 0x8000);
    assertThat(ModbusRtuCodec.float32(new int[] {0, 0x449A, 0x5225}, 1)).isEqualTo(1234.567f);
  }

  @Test
  void parsesAReadReplyItBuilt() throws Exception {
    int[] regs = {0x4366, 0x8000, 0x0001};
    byte[] reply = ModbusRtuCodec.readResponse(11, 4, regs);
    assertThat(reply).hasSize(ModbusRtuCodec.readResponseLength(3));
    assertThat(ModbusRtuCodec.expectedLength(reply)).isEqualTo(reply.length);
    assertThat(ModbusRtuCodec.parseReadResponse(reply, 11, 4, 3)).containsExactly(regs);
  }

  @Test
  void rejectsCrcErrorsWrongUnitsAndWrongLengths() {
    byte[] reply = ModbusRtuCodec.readResponse(11, 4, new int[] {1, 2});
    byte[] corrupt = reply.clone();
    corrupt[4] ^= 0x01;
    assertKind(corrupt, 11, 4, 2, ModbusException.Kind.CRC);
    assertKind(reply, 12, 4, 2, ModbusException.Kind.MALFORMED);
    assertKind(reply, 11, 3, 2, ModbusException.Kind.MALFORMED);
    assertKind(reply, 11, 4, 3, ModbusException.Kind.MALFORMED);
    assertKind(new byte[] {11, 4}, 11, 4, 2, ModbusException.Kind.MALFORMED);
  }

  @Test
  void writeMultipleRegistersIsFunction16WithAByteCountAndItsReplyEchoesTheRange()
      throws Exception {
    // the example of the Modbus application protocol: two registers from address 1
    assertThat(ModbusRtuCodec.writeRequest(1, 1, new int[] {0x000A, 0x0102}))
        .isEqualTo(hex("01 10 00 01 00 02 04 00 0a 01 02 92 30"));
    byte[] reply = hex("01 10 00 01 00 02 10 08");
    assertThat(ModbusRtuCodec.expectedLength(reply)).isEqualTo(8);
    ModbusRtuCodec.parseWriteResponse(reply, 1, 1, 2);
    // a reply naming another range did not write what we asked
    assertThatThrownBy(() -> ModbusRtuCodec.parseWriteResponse(reply, 1, 2, 2))
        .isInstanceOf(ModbusException.class)
        .extracting(e -> ((ModbusException) e).kind())
        .isEqualTo(ModbusException.Kind.MALFORMED);
    byte[] refused = ModbusRtuCodec.exceptionResponse(1, 16, 4);
    assertThatThrownBy(() -> ModbusRtuCodec.parseWriteResponse(refused, 1, 1, 2))
        .extracting(e -> ((ModbusException) e).kind())
        .isEqualTo(ModbusException.Kind.EXCEPTION_RESPONSE);
    // negative values go out as their two's complement
    assertThat(ModbusRtuCodec.writeRequest(3, 0x100, new int[] {-300})[7]).isEqualTo((byte) 0xFE);
    assertThatThrownBy(() -> ModbusRtuCodec.writeRequest(1, 0, new int[124]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void exceptionRepliesCarryTheirCode() {
    byte[] ex = ModbusRtuCodec.exceptionResponse(11, 4, 2);
    assertThat(ModbusRtuCodec.expectedLength(ex)).isEqualTo(5);
    assertThatThrownBy(() -> ModbusRtuCodec.parseReadResponse(ex, 11, 4, 2))
        .isInstanceOfSatisfying(
            ModbusException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ModbusException.Kind.EXCEPTION_RESPONSE);
              assertThat(e.exceptionCode()).isEqualTo(2);
            });
  }

  @Test
  void refusesRequestsTheProtocolCannotCarry() {
    assertThatThrownBy(() -> ModbusRtuCodec.readRequest(0, 4, 0, 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ModbusRtuCodec.readRequest(1, 6, 0, 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ModbusRtuCodec.readRequest(1, 4, 0, 126))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void timeoutsScaleWithBaudRateAndLength() {
    ModbusRtuClient.Config c = ModbusRtuClient.Config.defaults("/dev/null");
    // 11 bits per byte at 9600 baud: 13 bytes take 14.9 ms; the frame gap is 3.5 characters.
    assertThat(c.wireNanos(13)).isEqualTo(13L * 11 * 1_000_000_000L / 9600);
    assertThat(c.interFrameNanos()).isEqualTo(c.wireNanos(7) / 2);
    assertThat(c.withBaudRate(115_200).interFrameNanos()).isEqualTo(1_750_000L);
  }

  private static void assertKind(byte[] f, int unit, int fc, int n, ModbusException.Kind kind) {
    assertThatThrownBy(() -> ModbusRtuCodec.parseReadResponse(f, unit, fc, n))
        .isInstanceOfSatisfying(ModbusException.class, e -> assertThat(e.kind()).isEqualTo(kind));
  }
}
