/**
 * Smart charging, version-neutral and pure: the charging-profile model, SetChargingProfile
 * validation, the profile store and composite schedules with effective limits. Time is always
 * passed in; nothing here reads a clock, starts a thread or does I/O.
 */
@NullMarked
package io.kilowire.core.smartcharging;

import org.jspecify.annotations.NullMarked;
