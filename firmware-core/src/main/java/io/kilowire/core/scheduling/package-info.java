/** Time for the core: a scheduler port and its virtual-time implementation. */
@NullMarked
package io.kilowire.core.scheduling;

import org.jspecify.annotations.NullMarked;
