package io.kilowire.core.ocpp;

import io.kilowire.core.ocpp.model.OcppAction;
import io.kilowire.core.ocpp.model.OcppMessage;
import io.kilowire.core.ocpp.v16.V16Action;
import io.kilowire.core.ocpp.v201.V201Action;
import io.kilowire.core.ocpp.v21.V21Action;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The actions of one OCPP version, looked up by wire name or by message record. */
public final class OcppActions {
  private final OcppVersion version;
  private final Map<String, OcppAction> byName = new HashMap<>();
  private final Map<Class<?>, OcppAction> byRequest = new HashMap<>();

  private OcppActions(OcppVersion version, List<? extends OcppAction> actions) {
    this.version = version;
    for (OcppAction a : actions) {
      byName.put(a.wireName(), a);
      byRequest.put(a.requestType(), a);
    }
  }

  // One catalogue per version for the whole process: every RPC session reads one, and a fleet of
  // thousands of sessions would otherwise hold thousands of copies of the same maps.
  private static final OcppActions V16 =
      new OcppActions(OcppVersion.V16, List.of(V16Action.values()));
  private static final OcppActions V201 =
      new OcppActions(OcppVersion.V201, List.of(V201Action.values()));
  private static final OcppActions V21 =
      new OcppActions(OcppVersion.V21, List.of(V21Action.values()));

  /**
   * The catalogue for a version (shared, never changed): its CALL actions. 2.1's one SEND message,
   * never answered, is in {@link io.kilowire.core.ocpp.v21.V21Send}.
   */
  public static OcppActions of(OcppVersion version) {
    return switch (version) {
      case V16 -> V16;
      case V201 -> V201;
      case V21 -> V21;
    };
  }

  public OcppVersion version() {
    return version;
  }

  public Optional<OcppAction> byName(String wireName) {
    return Optional.ofNullable(byName.get(wireName));
  }

  /** The action whose CALL carries {@code request}. */
  public OcppAction forRequest(Class<? extends OcppMessage> request) {
    OcppAction a = byRequest.get(request);
    if (a == null) {
      throw new IllegalArgumentException(
          request.getName() + " is not a request of OCPP " + version.subprotocol());
    }
    return a;
  }

  public int size() {
    return byName.size();
  }
}
