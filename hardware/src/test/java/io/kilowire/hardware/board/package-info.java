@NullMarked
package io.kilowire.hardware.board;

import org.jspecify.annotations.NullMarked;
