package io.kilowire.conformance.report;

import java.time.Instant;

/** What a report says about the run as a whole. */
public record RunInfo(String csms, String protocol, String driver, Instant started) {}
