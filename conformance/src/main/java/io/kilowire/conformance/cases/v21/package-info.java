/**
 * The OCPP 2.1 cases: the 2.0.1 Part 6 cases whose messages 2.1 kept, played on 2.1 under their
 * 2.0.1 ids (the OCA has published no 2.1 CSMS cases), and Kilowire's own cases for what only 2.1
 * has.
 */
@NullMarked
package io.kilowire.conformance.cases.v21;

import org.jspecify.annotations.NullMarked;
