package io.kilowire.core.runtime;

import io.kilowire.core.transport.CloseReason;

/**
 * Decides which refusals of the WebSocket upgrade are worth a log line: a refused station retries
 * for hours, and a line per attempt would bury everything else. The first refusal, a refusal with
 * another HTTP status, and the end of the refusals each say so once; a repeat says nothing.
 */
final class RefusalNotice {
  /** The HTTP status of the refusals going on; -1 = none. */
  private int status = -1;

  /** An attempt ended with {@code reason}: true if it changes what the log last said. */
  boolean changes(CloseReason reason) {
    int now = reason.refused() ? reason.httpStatus() : -1;
    if (now == status || now == -1) {
      return false;
    }
    status = now;
    return true;
  }

  /** A connection opened: true if refusals were going on until now (the log says they ended). */
  boolean ended() {
    boolean was = status != -1;
    status = -1;
    return was;
  }
}
