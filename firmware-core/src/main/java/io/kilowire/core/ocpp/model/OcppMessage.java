package io.kilowire.core.ocpp.model;

/** The payload of a CALL or CALLRESULT: one immutable record per action and direction. */
public interface OcppMessage {}
