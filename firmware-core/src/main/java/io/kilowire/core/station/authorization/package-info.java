/**
 * The station's side of authorization: tokens at the reader and from remote starts, decided by the
 * {@code io.kilowire.core.authorization} engine and, when it says so, by the CSMS.
 */
@NullMarked
package io.kilowire.core.station.authorization;

import org.jspecify.annotations.NullMarked;
