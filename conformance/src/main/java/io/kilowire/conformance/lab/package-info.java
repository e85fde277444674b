/**
 * The lab configuration file (YAML or JSON): the CSMS, its stations, EVSEs, tokens, features,
 * driver and timeouts.
 */
@NullMarked
package io.kilowire.conformance.lab;

import org.jspecify.annotations.NullMarked;
