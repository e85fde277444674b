/**
 * Station templates ({@code run --template FILE[:COUNT]}, YAML or JSON): vendor, model, serial
 * pattern, firmware, OCPP version, EVSEs and connectors, initial configuration, measurands,
 * security profile and the EVs' default behaviour; five come bundled. See docs/TEMPLATES.md.
 */
@NullMarked
package io.kilowire.emulator.template;

import org.jspecify.annotations.NullMarked;
