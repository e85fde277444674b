/** OCPP versions and the per-version action catalogue. */
@NullMarked
package io.kilowire.core.ocpp;

import org.jspecify.annotations.NullMarked;
