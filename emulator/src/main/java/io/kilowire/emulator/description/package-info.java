/**
 * Reading the files that describe what to emulate (sites, station templates, scenarios), with
 * messages that name the field at fault.
 */
@NullMarked
package io.kilowire.emulator.description;

import org.jspecify.annotations.NullMarked;
