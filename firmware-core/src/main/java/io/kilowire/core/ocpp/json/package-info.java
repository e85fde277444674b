/**
 * The Jackson codec: bounded frame parsing and record mapping. The only package that imports
 * Jackson.
 */
@NullMarked
package io.kilowire.core.ocpp.json;

import org.jspecify.annotations.NullMarked;
