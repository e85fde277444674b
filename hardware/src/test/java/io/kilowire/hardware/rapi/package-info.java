@NullMarked
package io.kilowire.hardware.rapi;

import org.jspecify.annotations.NullMarked;
