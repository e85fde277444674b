/**
 * What every OCPP message record shares: the message and enum contracts, schema checks and their
 * violations.
 */
@NullMarked
package io.kilowire.core.ocpp.model;

import org.jspecify.annotations.NullMarked;
