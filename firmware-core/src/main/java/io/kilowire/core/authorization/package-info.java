/**
 * Station-side authorization, free of any OCPP version: the authorization cache, the local
 * authorization list, the rules that decide whether a presented token starts a transaction at once,
 * needs the CSMS, or is refused, and the snapshots that carry cache and list across reboots.
 *
 * <p>Pure: time comes in as an {@code Instant}, persistence goes out through {@link
 * io.kilowire.core.authorization.AuthorizationStore}. Not thread-safe; one station's event loop
 * owns an {@link io.kilowire.core.authorization.AuthorizationService}. The {@code ocpp.v16.adapter}
 * and {@code ocpp.v201.adapter} packages translate wire records to and from these types.
 */
@NullMarked
package io.kilowire.core.authorization;

import org.jspecify.annotations.NullMarked;
