/**
 * ISO 15118-2 / -20 power limits from the station's composite schedules, pure: small value records
 * for what the SECC puts into its messages (not the EXI messages themselves), the mappings from a
 * {@link io.kilowire.core.smartcharging.CompositeSchedule} to them, and the renegotiation decision
 * of OCPP K16.FR.02 (SPEC-FACTS F). Time is always passed in.
 */
@NullMarked
package io.kilowire.core.hal.iso15118;

import org.jspecify.annotations.NullMarked;
