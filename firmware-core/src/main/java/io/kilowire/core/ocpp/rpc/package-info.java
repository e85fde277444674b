/**
 * OCPP-J RPC: frames, message-id correlation, CALLERROR codes with their per-version spelling, the
 * session.
 */
@NullMarked
package io.kilowire.core.ocpp.rpc;

import org.jspecify.annotations.NullMarked;
