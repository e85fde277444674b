/**
 * Handlers that answer OCPP 1.6 calls from the domain: request record in, response record out. The
 * runtime registers them with the RPC session.
 */
@NullMarked
package io.kilowire.core.ocpp.v16.adapter;

import org.jspecify.annotations.NullMarked;
