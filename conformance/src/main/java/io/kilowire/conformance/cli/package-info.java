/** The kilowire-conformance.jar command line: run and list. */
@NullMarked
package io.kilowire.conformance.cli;

import org.jspecify.annotations.NullMarked;
