/**
 * OCPP 1.6J wire records (core profiles and the security extension), generated from the schemas.
 */
@NullMarked
package io.kilowire.core.ocpp.v16;

import org.jspecify.annotations.NullMarked;
