/**
 * Logs and diagnostics (1.6 GetDiagnostics, the security extension's GetLog, 2.0.1 N01): the
 * station's diagnostics and security log, and their upload to a CSMS's server.
 */
@NullMarked
package io.kilowire.core.station.logs;

import org.jspecify.annotations.NullMarked;
