/**
 * Conformance cases as values: id, title, use cases, requirements, certification profile, features,
 * script; the catalogue of both versions and the ids not yet covered.
 */
@NullMarked
package io.kilowire.conformance.cases;

import org.jspecify.annotations.NullMarked;
