package io.kilowire.hardware.rapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RapiCodecTest {

  @Test
  void xorChecksumOfKnownFrames() {
    // '$'=24 'G'=47 'S'=53: 24^47=63, 63^53=30.
    assertThat(RapiCodec.xorChecksum("$GS")).isEqualTo(0x30);
    assertThat(RapiCodec.encode("GS", List.of(), 0)).isEqualTo("$GS^30\r");
    // ...then " :01": 30^20=10, 10^3A=2A, 2A^30=1A, 1A^31=2B.
    assertThat(RapiCodec.encode("GS", List.of(), 1)).isEqualTo("$GS :01^2B\r");
  }

  @Test
  void additiveChecksumOfKnownFrames() {
    // '$'+'F'+'D' = 24+46+44 = AE.
    assertThat(RapiCodec.additiveChecksum("$FD")).isEqualTo(0xAE);
  }

  @Test
  void decodesBothChecksumFormsAndTheSequenceId() throws Exception {
    assertThat(RapiCodec.decode("$FD*AE", true)).isEqualTo(new RapiFrame("FD", List.of(), 0));
    String sc = RapiCodec.encode("SC", List.of("16", "V"), 0x7F);
    RapiFrame f = RapiCodec.decode(sc.substring(0, sc.length() - 1), true);
    assertThat(f).isEqualTo(new RapiFrame("SC", List.of("16", "V"), 0x7F));
  }

  @Test
  void rejectsChecksumMismatchMissingChecksumAndJunk() {
    assertThatThrownBy(() -> RapiCodec.decode("$GS^31", true))
        .isInstanceOfSatisfying(
            RapiFrameException.class,
            e -> assertThat(e.kind()).isEqualTo(RapiFrameException.Kind.CHECKSUM));
    assertThatThrownBy(() -> RapiCodec.decode("$OK 1 2", true))
        .isInstanceOfSatisfying(
            RapiFrameException.class,
            e -> assertThat(e.kind()).isEqualTo(RapiFrameException.Kind.MALFORMED));
    assertThatThrownBy(() -> RapiCodec.decode("$O\u0001K^00", false))
        .isInstanceOf(RapiFrameException.class);
    assertThatThrownBy(() -> RapiCodec.decode("$GS^3", true))
        .isInstanceOf(RapiFrameException.class);
    assertThatThrownBy(() -> RapiCodec.decode("OK", false)).isInstanceOf(RapiFrameException.class);
  }

  @Test
  void parsesStateAndBootNotifications() throws Exception {
    RapiStateNotification at =
        RapiCodec.parseStateNotification(new RapiFrame("AT", List.of("03", "03", "32", "0200"), 0));
    assertThat(at.evseState()).isEqualTo(EvseState.CHARGING);
    assertThat(at.currentCapacityAmps()).isEqualTo(32);
    assertThat(at.flags()).isEqualTo(0x200);

    RapiBootNotification ab =
        RapiCodec.parseBootNotification(new RapiFrame("AB", List.of("07", "8.2.1"), 0));
    assertThat(ab.postOk()).isFalse();
    assertThat(ab.firmwareVersion()).isEqualTo("8.2.1");
  }

  @Test
  void parsesReplies() throws Exception {
    RapiStatus gs =
        RapiCodec.parseStatus(new RapiFrame("OK", List.of("fe", "3600", "02", "0000"), 0));
    assertThat(gs.evseState()).isEqualTo(EvseState.SLEEPING);
    assertThat(gs.elapsedSeconds()).isEqualTo(3600);
    assertThat(gs.pilotState()).isEqualTo(EvseState.CONNECTED);
    assertThat(RapiCodec.parseStatus(new RapiFrame("OK", List.of("0C", "0", "01", "0"), 0)))
        .extracting(RapiStatus::evseState, RapiStatus::evseStateCode)
        .containsExactly(EvseState.UNKNOWN, 0x0C);
    assertThat(RapiCodec.parseMeasurement(new RapiFrame("OK", List.of("-1", "240000"), 0)))
        .satisfies(m -> assertThat(m.hasAmmeter()).isFalse());
    assertThatThrownBy(() -> RapiCodec.parseStatus(new RapiFrame("OK", List.of("03", "x"), 0)))
        .isInstanceOf(RapiFrameException.class);
    assertThatThrownBy(
            () -> RapiCodec.parseMeasurement(new RapiFrame("OK", List.of("16000", "-5"), 0)))
        .isInstanceOf(RapiFrameException.class);
  }

  @Test
  void lineAssemblerDropsGarbageAndHalfLines() {
    RapiLineAssembler a = new RapiLineAssembler();
    byte[] in = "xx\n$OK 1^00\r\n$O$AT 01 01 16 0^00\r".getBytes(StandardCharsets.US_ASCII);
    assertThat(a.feed(in, in.length)).containsExactly("$OK 1^00", "$AT 01 01 16 0^00");
    // "xx" and the unfinished "$O" are garbage; the line feed after a reply is not.
    assertThat(a.garbageBytes()).isEqualTo(4);
  }

  @Test
  void refusesUnencodableArguments() {
    assertThatThrownBy(() -> RapiCodec.encode("SC", List.of("1 6"), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RapiCodec.encode("SCX", List.of(), 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
