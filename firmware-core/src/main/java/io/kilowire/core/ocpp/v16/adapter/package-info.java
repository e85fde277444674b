/** Maps the version-neutral station to OCPP 1.6 messages and answers OCPP 1.6 commands. */
@NullMarked
package io.kilowire.core.ocpp.v16.adapter;

import org.jspecify.annotations.NullMarked;
