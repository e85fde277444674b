@NullMarked
package io.kilowire.hardware.group;

import org.jspecify.annotations.NullMarked;
