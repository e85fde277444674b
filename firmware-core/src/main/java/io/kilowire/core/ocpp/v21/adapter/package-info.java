/**
 * The thin OCPP 2.1 layer: 2.1 spoken through the 2.0.1 adapter ({@link
 * io.kilowire.core.ocpp.v21.adapter.V21Endpoint}) by the fields both versions share ({@link
 * io.kilowire.core.ocpp.v21.adapter.V21Translation}); what 2.1 adds and the domain does not model
 * yet is refused by name.
 */
@NullMarked
package io.kilowire.core.ocpp.v21.adapter;

import org.jspecify.annotations.NullMarked;
