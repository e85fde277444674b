/**
 * Certificates the suite makes: station key pairs and CSRs, and the signing authority of the
 * built-in sandbox.
 */
@NullMarked
package io.kilowire.conformance.pki;

import org.jspecify.annotations.NullMarked;
