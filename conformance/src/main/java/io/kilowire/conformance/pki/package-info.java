/**
 * Certificates the suite makes: station key pairs and CSRs, the signing authority of the built-in
 * sandbox, and the contract authority of the ISO 15118 contract cases with its OCSP responder.
 */
@NullMarked
package io.kilowire.conformance.pki;

import org.jspecify.annotations.NullMarked;
