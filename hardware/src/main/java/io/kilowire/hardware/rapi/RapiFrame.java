package io.kilowire.hardware.rapi;

import java.util.List;

/**
 * One decoded RAPI line without its {@code $}, sequence id and checksum.
 *
 * @param token the two-letter command or reply token ({@code OK}, {@code NK}, {@code AT}, {@code
 *     GS}...)
 * @param args the space-separated arguments
 * @param sequenceId the {@code :ss} sequence id, or 0 when the line carried none (0 is reserved as
 *     "no id" by the protocol)
 */
public record RapiFrame(String token, List<String> args, int sequenceId) {
  public RapiFrame {
    args = List.copyOf(args);
  }

  public boolean isResponse() {
    return token.equals("OK") || token.equals("NK");
  }

  public boolean isOk() {
    return token.equals("OK");
  }

  /**
   * Asynchronous notifications all start with {@code A} ({@code $AT}, {@code $AB}, {@code $AN}).
   */
  public boolean isAsync() {
    return token.startsWith("A");
  }
}
