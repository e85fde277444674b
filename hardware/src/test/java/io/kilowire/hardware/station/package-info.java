@NullMarked
package io.kilowire.hardware.station;

import org.jspecify.annotations.NullMarked;
