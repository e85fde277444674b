/**
 * OpenEVSE RAPI driver: {@link io.kilowire.hardware.rapi.RapiCodec} is the pure line codec, {@link
 * io.kilowire.hardware.rapi.RapiBoard} the thin jSerialComm adapter around it.
 */
@NullMarked
package io.kilowire.hardware.rapi;

import org.jspecify.annotations.NullMarked;
