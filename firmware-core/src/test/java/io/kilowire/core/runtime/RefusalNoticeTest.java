package io.kilowire.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.transport.CloseReason;
import io.kilowire.core.transport.CloseReason.Kind;
import org.junit.jupiter.api.Test;

class RefusalNoticeTest {
  private static CloseReason http(int status) {
    return new CloseReason(
        status == 404 ? Kind.HANDSHAKE_REJECTED : Kind.AUTH_REJECTED, -1, "HTTP " + status, status);
  }

  private static final CloseReason UNREACHABLE = CloseReason.of(Kind.UNREACHABLE, "refused");

  @Test
  void aRepeatedRefusalIsToldOnceAndANewStatusAgain() {
    RefusalNotice notice = new RefusalNotice();

    assertThat(notice.changes(http(401))).isTrue();
    assertThat(notice.changes(http(401))).isFalse();
    assertThat(notice.changes(UNREACHABLE)).isFalse();
    assertThat(notice.changes(http(401))).isFalse();
    assertThat(notice.changes(http(404))).isTrue();
  }

  @Test
  void theEndOfRefusalsIsToldOnceAndTheNextRefusalIsNewAgain() {
    RefusalNotice notice = new RefusalNotice();
    assertThat(notice.ended()).isFalse();
    notice.changes(http(403));

    assertThat(notice.ended()).isTrue();
    assertThat(notice.ended()).isFalse();
    assertThat(notice.changes(http(403))).isTrue();
  }

  @Test
  void failuresWithoutAnHttpRefusalAreNotRefusals() {
    RefusalNotice notice = new RefusalNotice();

    assertThat(notice.changes(UNREACHABLE)).isFalse();
    assertThat(notice.changes(new CloseReason(Kind.HANDSHAKE_REJECTED, -1, "HTTP 503", 503)))
        .isFalse();
  }
}
