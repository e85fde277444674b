/** Runs cases: the script interpreter, verdicts from the wire, the suite runner. */
@NullMarked
package io.kilowire.conformance.run;

import org.jspecify.annotations.NullMarked;
