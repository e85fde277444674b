/** Conformance cases against a CSMS. Arrive with a later issue. */
@NullMarked
package io.kilowire.conformance;

import org.jspecify.annotations.NullMarked;
