/** Tests of the CoAP drivers, all on 127.0.0.1 with ports chosen by the OS. */
@NullMarked
package io.kilowire.hardware.coap;

import org.jspecify.annotations.NullMarked;
