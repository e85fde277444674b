@NullMarked
package io.kilowire.hardware.modbus;

import org.jspecify.annotations.NullMarked;
