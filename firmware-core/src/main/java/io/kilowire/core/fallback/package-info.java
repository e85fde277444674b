/**
 * What the station does when something it relies on is gone: the CSMS (offline), the site meter
 * (silent or stale) or the site controller of a charger group (silent). {@link
 * io.kilowire.core.fallback.FallbackMonitor} tracks each condition from events and {@code now}, and
 * reports every entry and exit so the runtime can log it and tell the CSMS.
 */
@NullMarked
package io.kilowire.core.fallback;

import org.jspecify.annotations.NullMarked;
