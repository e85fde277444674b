/** Transactions and the persistent queue that delivers their messages without loss. */
@NullMarked
package io.kilowire.core.transaction;

import org.jspecify.annotations.NullMarked;
