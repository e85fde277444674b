/**
 * The site evaluation ({@code evaluate --site FILE... --out DIR}): each site for a simulated day
 * with a static and the dynamic budget, the metrics of issue #6 (energy delivered, unmet at
 * departure, peak demand, limit violations, the deliverable reference) and SVG plots.
 */
@NullMarked
package io.kilowire.emulator.evaluation;

import org.jspecify.annotations.NullMarked;
