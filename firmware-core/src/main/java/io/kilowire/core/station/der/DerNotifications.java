package io.kilowire.core.station.der;

import io.kilowire.core.der.DerControlType;
import io.kilowire.core.der.GridFault;
import java.time.Instant;
import java.util.List;

/**
 * What the station tells the CSMS of its DER controls (2.1: NotifyDERAlarm, NotifyDERStartStop).
 */
public interface DerNotifications {

  /** A grid condition made a control trip the station ({@code ended}: it no longer holds). */
  void alarm(DerControlType type, GridFault fault, boolean ended, Instant at);

  /** A scheduled control started or stopped acting; {@code superseded}: the ones it displaced. */
  void startStop(String controlId, boolean started, List<String> superseded, Instant at);

  /** Nobody to tell (a station not connected in 2.1). */
  DerNotifications NONE =
      new DerNotifications() {
        @Override
        public void alarm(DerControlType type, GridFault fault, boolean ended, Instant at) {}

        @Override
        public void startStop(
            String controlId, boolean started, List<String> superseded, Instant at) {}
      };
}
