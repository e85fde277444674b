/**
 * Network connection profiles (OCPP 2.0.1 B09, B10): the CSMS's profiles in the station's
 * configuration slots, the order in which the station tries them, and the fallback to the profile
 * it last connected with.
 */
@NullMarked
package io.kilowire.core.station.network;

import org.jspecify.annotations.NullMarked;
