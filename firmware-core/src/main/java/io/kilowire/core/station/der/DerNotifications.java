package io.kilowire.core.station.der;

import io.kilowire.core.der.DerControlType;
import io.kilowire.core.der.GridFault;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the station tells the CSMS of its DER controls (2.1: NotifyDERAlarm, NotifyDERStartStop).
 */
public interface DerNotifications {

  /**
   * A grid condition made a control trip the station ({@code ended}: it no longer holds); the
   * future completes when the CSMS answered.
   */
  CompletableFuture<?> alarm(DerControlType type, GridFault fault, boolean ended, Instant at);

  /** A scheduled control started or stopped acting; {@code superseded}: the ones it displaced. */
  CompletableFuture<?> startStop(
      String controlId, boolean started, List<String> superseded, Instant at);

  /** Nobody to tell (a station not connected in 2.1): the reports are dropped. */
  DerNotifications NONE =
      new DerNotifications() {
        @Override
        public CompletableFuture<?> alarm(
            DerControlType type, GridFault fault, boolean ended, Instant at) {
          return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<?> startStop(
            String controlId, boolean started, List<String> superseded, Instant at) {
          return CompletableFuture.completedFuture(null);
        }
      };
}
