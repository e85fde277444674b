package io.kilowire.core.observation;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Runs the notifications of one observer so that its failure never reaches the code that notified
 * it: a transport keeps carrying frames and a station keeps running whatever a trace, a console or
 * a metrics sink throws. The first failure is logged with its stack trace; later ones only at the
 * 10th, 100th, 1000th and so on, with the count, so a broken observer cannot flood the log either.
 * Counting rather than timing keeps this pure: in virtual time a day passes in seconds.
 */
public final class ObserverGuard {
  private final Logger log;
  private final String observer;
  private final AtomicLong failures = new AtomicLong();

  /**
   * @param log the logger of the code that notifies
   * @param observer how the observer appears in the log, e.g. "frame trace of CP-1"
   */
  public ObserverGuard(Logger log, String observer) {
    this.log = log;
    this.observer = observer;
  }

  /**
   * Runs {@code notification}; anything it throws is counted and logged, never thrown on. Only a
   * {@link VirtualMachineError} (out of memory, stack overflow) passes: after one nothing is safe.
   */
  public void run(Runnable notification) {
    try {
      notification.run();
    } catch (VirtualMachineError fatal) {
      throw fatal;
    } catch (Throwable t) {
      failed(t);
    }
  }

  /** How many notifications have failed so far. */
  public long failures() {
    return failures.get();
  }

  private void failed(Throwable t) {
    long n = failures.incrementAndGet();
    if (n == 1) {
      log.warn("{} failed; ignored, and further failures are only counted", observer, t);
    } else if (isPowerOfTen(n)) {
      log.warn("{} has failed {} times; the latest: {}", observer, n, t.toString());
    }
  }

  private static boolean isPowerOfTen(long n) {
    long p = 10;
    while (p < n && p <= Long.MAX_VALUE / 10) {
      p *= 10;
    }
    return p == n;
  }
}
