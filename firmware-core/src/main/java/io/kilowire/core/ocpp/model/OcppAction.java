package io.kilowire.core.ocpp.model;

import io.kilowire.core.ocpp.OcppVersion;

/** An OCPP action of one version: wire name, request and response records, who initiates it. */
public interface OcppAction {
  String wireName();

  Class<? extends OcppMessage> requestType();

  Class<? extends OcppMessage> responseType();

  Initiator initiator();

  OcppVersion version();
}
