/**
 * Transactions and metering: the sessions on the EVSEs and their transactions through the
 * persistent queue, and the meter values (sampled, clock-aligned, triggered; Current.Offered).
 */
@NullMarked
package io.kilowire.core.station.transactions;

import org.jspecify.annotations.NullMarked;
