/**
 * Handlers that answer OCPP 2.0.1 calls from the domain: request record in, response record (and
 * any follow-up messages as data) out. The runtime registers them and sends the follow-ups.
 */
@NullMarked
package io.kilowire.core.ocpp.v201.adapter;

import org.jspecify.annotations.NullMarked;
