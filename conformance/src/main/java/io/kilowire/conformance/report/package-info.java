/** Reports of a run: junit.xml, results.json, report.html and a wire trace per case. */
@NullMarked
package io.kilowire.conformance.report;

import org.jspecify.annotations.NullMarked;
