/**
 * The charging station's behaviour, version-neutral: provisioning, availability, authorization,
 * transactions, recovery.
 */
@NullMarked
package io.kilowire.core.station;

import org.jspecify.annotations.NullMarked;
