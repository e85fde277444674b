/**
 * Edge: files to and from a CSMS's servers over HTTP(S) on the JDK's client: firmware images
 * fetched, log files uploaded. Not pure: it opens connections, and completes on the client's
 * threads.
 */
@NullMarked
package io.kilowire.core.transfer;

import org.jspecify.annotations.NullMarked;
