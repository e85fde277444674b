/**
 * Running the site's {@link io.kilowire.core.loadmanagement.LoadBalancer} on live inputs: {@link
 * io.kilowire.core.site.SiteBalancing} binds each EVSE slot of a site to an EVSE ({@link
 * io.kilowire.core.site.BalancedEvse}, for a {@link io.kilowire.core.station.Station} {@link
 * io.kilowire.core.site.StationEvse}), builds the demands, steps the balancer on every site-meter
 * reading and at the allocation's next step (one timer on the injected scheduler, no polling), and
 * hands each limit to the station. Pure: time and timers come from the {@code TaskScheduler}.
 */
@NullMarked
package io.kilowire.core.site;

import org.jspecify.annotations.NullMarked;
