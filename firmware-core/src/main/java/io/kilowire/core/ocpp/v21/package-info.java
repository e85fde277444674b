/**
 * OCPP 2.1 wire records, generated from the schemas; {@code customData} is 2.0.1's hand-written
 * {@link io.kilowire.core.ocpp.v201.CustomData}.
 */
@NullMarked
package io.kilowire.core.ocpp.v21;

import org.jspecify.annotations.NullMarked;
