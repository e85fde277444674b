@NullMarked
package io.kilowire.core.site;

import org.jspecify.annotations.NullMarked;
