/** Maps the version-neutral station to OCPP 2.0.1 messages and answers OCPP 2.0.1 commands. */
@NullMarked
package io.kilowire.core.ocpp.v201.adapter;

import org.jspecify.annotations.NullMarked;
