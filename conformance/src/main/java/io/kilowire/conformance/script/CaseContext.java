package io.kilowire.conformance.script;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.conformance.lab.LabConfiguration;
import io.kilowire.core.ocpp.OcppVersion;
import java.time.Instant;

/**
 * What a running case knows: the lab configuration, the station it plays, the clock, and the
 * variables its steps captured or generated (transaction ids, the CSMS's remoteStartId, ...).
 */
public interface CaseContext {
  /** The variable holding the payload of the CSMS's last expected CALL. */
  String LAST_CALL = "lastCall";

  /**
   * The variable holding when (System.nanoTime()) the CALLRESULT the last expectResult judged came,
   * to order what the CSMS did elsewhere (an OCSP request) against its answer.
   */
  String RESULT_ARRIVED = "resultArrivedNanos";

  OcppVersion version();

  LabConfiguration lab();

  /** The station this case plays. */
  LabConfiguration.Station station();

  /** The configured EVSE (the first of the configuration). */
  default int evseId() {
    return lab().evses().get(0).id();
  }

  /** The configured connector of {@link #evseId()}. */
  default int connectorId() {
    return 1;
  }

  /** A configured token by its role. */
  default LabConfiguration.Token token(TokenRole role) {
    return lab().tokens().get(role);
  }

  Instant now();

  /**
   * The contract root and OCSP responder of the run (cases needing {@link
   * io.kilowire.conformance.cases.ConformanceCase.Need#CONTRACTS}).
   *
   * @throws IllegalStateException if the run has none
   */
  io.kilowire.conformance.pki.ContractAuthority contracts();

  /** A variable, or a missing node when unset. */
  JsonNode var(String name);

  void set(String name, JsonNode value);

  default void set(String name, Object value) {
    set(name, Json.node(value));
  }

  /** A variable that must be set (a script error otherwise). */
  default String text(String name) {
    JsonNode v = var(name);
    if (v.isMissingNode()) {
      throw new IllegalStateException("the case has no " + name + " yet");
    }
    return v.asText();
  }
}
