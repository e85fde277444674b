/**
 * What meters read, as values every layer may hold: an EVSE meter's {@link
 * io.kilowire.core.metering.MeterReading} and the grid connection's {@link
 * io.kilowire.core.metering.SiteReading}. The hardware ports produce them, the transaction engine
 * keeps the last one of a transaction, load management divides current by them, and the version
 * adapters turn them into sampled values. Pure values, no behaviour beyond their own checks.
 */
@NullMarked
package io.kilowire.core.metering;

import org.jspecify.annotations.NullMarked;
