/**
 * The OCPP 1.6 CSMS cases of the OCTT test-case document, one class per feature profile, and their
 * reusable states.
 */
@NullMarked
package io.kilowire.conformance.cases.v16;

import org.jspecify.annotations.NullMarked;
