/**
 * What the station must tell the CSMS outside the transaction queue and keeps until the CSMS has it
 * (fault and fallback events, external-limit reports): {@link
 * io.kilowire.core.station.reports.PendingReports}, one queue per kind, in order, resent after a
 * reconnect.
 */
@NullMarked
package io.kilowire.core.station.reports;

import org.jspecify.annotations.NullMarked;
