/**
 * Sharing a site's grid connection among its EVSEs: the site model (grid limit, margin, sub-circuit
 * tree, phase wiring), and {@link io.kilowire.core.loadmanagement.LoadBalancer}, a pure step
 * function from a meter reading and the EVSEs' demands to a current limit per EVSE. The station
 * applies min(composite schedule, allocation, fallback cap, hardware) to each EVSE.
 */
@NullMarked
package io.kilowire.core.loadmanagement;

import org.jspecify.annotations.NullMarked;
