/**
 * Provisioning: the connection to the CSMS, the registration (BootNotification) and the heartbeat.
 */
@NullMarked
package io.kilowire.core.station.provisioning;

import org.jspecify.annotations.NullMarked;
