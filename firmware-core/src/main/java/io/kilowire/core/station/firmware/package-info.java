/**
 * Firmware management (1.6 UpdateFirmware and the security extension's SignedUpdateFirmware, 2.0.1
 * L01–L04): a firmware update from the request to the reboot into the new version, and the station
 * as a local controller publishing firmware to others.
 */
@NullMarked
package io.kilowire.core.station.firmware;

import org.jspecify.annotations.NullMarked;
