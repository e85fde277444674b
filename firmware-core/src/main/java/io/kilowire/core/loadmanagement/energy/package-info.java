/**
 * What a site has besides the grid and the EVs, as the load balancer sees it: rooftop PV (a daily
 * production profile with cloud dips), a stationary battery, the grid's export limit, the
 * time-of-day tariffs, and how each EVSE uses the sun ({@link
 * io.kilowire.core.loadmanagement.energy.ChargingMode}). Values only; every bad field is named in
 * the error. Knows nothing of the balancer.
 */
@NullMarked
package io.kilowire.core.loadmanagement.energy;

import org.jspecify.annotations.NullMarked;
