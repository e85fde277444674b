/** OCPP 2.0.1 wire records, generated from the schemas (CustomData is written by hand). */
@NullMarked
package io.kilowire.core.ocpp.v201;

import org.jspecify.annotations.NullMarked;
