/**
 * The verbs a case is written in: steps (send, expectCall, respond, expectResult, trigger, sendRaw,
 * reusable states), payload templates and field checks.
 */
@NullMarked
package io.kilowire.conformance.script;

import org.jspecify.annotations.NullMarked;
