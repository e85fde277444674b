/**
 * CSMS-side drivers: how a trigger step asks the CSMS under test to act (prompt, exec:CMD,
 * http:URL).
 */
@NullMarked
package io.kilowire.conformance.driver;

import org.jspecify.annotations.NullMarked;
