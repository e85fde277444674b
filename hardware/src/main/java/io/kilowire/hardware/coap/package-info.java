/**
 * CoAP drivers (Eclipse Californium): {@link io.kilowire.hardware.coap.CoapSiteMeter} observes a
 * site grid meter, {@link io.kilowire.hardware.coap.CoapEvseServer} publishes each EVSE's live
 * state to building-management systems. The small types here stand on their own so the drivers do
 * not wait for the HAL ports; adapters bridge them.
 */
@NullMarked
package io.kilowire.hardware.coap;

import org.jspecify.annotations.NullMarked;
