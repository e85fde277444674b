/**
 * DER control (OCPP 2.1 functional block R) as data: the grid operator's controls a station that
 * can feed back is asked to follow ({@link io.kilowire.core.der.DerControl}: curves, a frequency
 * droop, fixed power factor or reactive power, a cap on discharge, the conditions to enter service,
 * ramp gradients), the book that keeps them and says which one of each type is in force ({@link
 * io.kilowire.core.der.DerControls}), and the pure evaluator that turns the controls in force and
 * what the grid does now ({@link io.kilowire.core.der.GridState}) into the power the station may
 * take or feed ({@link io.kilowire.core.der.DerEvaluator}). No protocol version, no station, no
 * hardware: the 2.1 adapter maps the records, the station acts on the result.
 */
@NullMarked
package io.kilowire.core.der;

import org.jspecify.annotations.NullMarked;
