/**
 * The OCPP 2.0.1 CSMS cases of Part 6, one class per functional block, and the reusable states they
 * share.
 */
@NullMarked
package io.kilowire.conformance.cases.v201;

import org.jspecify.annotations.NullMarked;
