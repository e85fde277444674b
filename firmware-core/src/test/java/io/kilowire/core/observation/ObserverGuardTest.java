package io.kilowire.core.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.MessageFormatter;

class ObserverGuardTest {
  private final RecordingLogger log = new RecordingLogger();
  private final ObserverGuard guard = new ObserverGuard(log, "frame trace of CP-1");

  @Test
  void aFailureIsCountedAndLoggedButNeverThrown() {
    List<String> after = new ArrayList<>();

    guard.run(
        () -> {
          throw new IllegalStateException("disk full");
        });
    after.add("went on");

    assertThat(after).containsExactly("went on");
    assertThat(guard.failures()).isEqualTo(1);
    assertThat(log.lines).singleElement().asString().contains("frame trace of CP-1 failed");
    assertThat(log.throwables).singleElement().isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aFailingObserverCannotFloodTheLog() {
    for (int i = 0; i < 1000; i++) {
      guard.run(
          () -> {
            throw new IllegalStateException("disk full");
          });
    }

    assertThat(guard.failures()).isEqualTo(1000);
    // The first with its stack trace, then at 10, 100 and 1000 with the count.
    assertThat(log.lines).hasSize(4);
    assertThat(log.lines.get(3)).contains("1000 times").contains("disk full");
    assertThat(log.throwables).hasSize(1);
  }

  @Test
  void aNotificationThatSucceedsLeavesNoTrace() {
    int[] runs = new int[1];

    guard.run(() -> runs[0]++);

    assertThat(runs[0]).isEqualTo(1);
    assertThat(guard.failures()).isZero();
    assertThat(log.lines).isEmpty();
  }

  @Test
  void runningOutOfMemoryIsNotSwallowed() {
    assertThatThrownBy(
            () ->
                guard.run(
                    () -> {
                      throw new OutOfMemoryError("simulated");
                    }))
        .isInstanceOf(OutOfMemoryError.class);
  }

  /** A logger that keeps what it is given. */
  private static final class RecordingLogger extends AbstractLogger {
    private static final long serialVersionUID = 1L;
    final List<String> lines = new ArrayList<>();
    final List<Throwable> throwables = new ArrayList<>();

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level,
        @Nullable Marker marker,
        String messagePattern,
        Object @Nullable [] arguments,
        @Nullable Throwable throwable) {
      lines.add(MessageFormatter.basicArrayFormat(messagePattern, arguments));
      if (throwable != null) {
        throwables.add(throwable);
      }
    }

    @Override
    public boolean isTraceEnabled() {
      return true;
    }

    @Override
    public boolean isTraceEnabled(Marker marker) {
      return true;
    }

    @Override
    public boolean isDebugEnabled() {
      return true;
    }

    @Override
    public boolean isDebugEnabled(Marker marker) {
      return true;
    }

    @Override
    public boolean isInfoEnabled() {
      return true;
    }

    @Override
    public boolean isInfoEnabled(Marker marker) {
      return true;
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public boolean isWarnEnabled(Marker marker) {
      return true;
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }

    @Override
    public boolean isErrorEnabled(Marker marker) {
      return true;
    }
  }
}
