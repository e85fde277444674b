/**
 * Local cost calculation, version-neutral and pure: the tariff model (prices for energy, charging
 * time, idle time and a fixed fee, each with conditions and taxes; minimum and maximum cost), the
 * tariffs a station holds ({@link io.kilowire.core.tariff.TariffBook}) and the running cost of a
 * transaction under its tariff ({@link io.kilowire.core.tariff.RunningCost}). Time and readings are
 * passed in; nothing here reads a clock, starts a thread or does I/O.
 */
@NullMarked
package io.kilowire.core.tariff;

import org.jspecify.annotations.NullMarked;
