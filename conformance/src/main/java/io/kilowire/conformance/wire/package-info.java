/**
 * The station side of the wire: a scriptable OCPP-J session, how it reaches a CSMS, the schema
 * oracle every CSMS frame passes, and time (real or virtual).
 */
@NullMarked
package io.kilowire.conformance.wire;

import org.jspecify.annotations.NullMarked;
