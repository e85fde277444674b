package io.kilowire.hardware.rapi;

/**
 * An {@code $AB} notification: the board has (re)booted and lost every volatile setting ({@code $SC
 * .. V}, heartbeat supervision).
 *
 * @param postCode power-on self-test result, 0 when the board booted fine
 * @param firmwareVersion firmware revision string
 */
public record RapiBootNotification(int postCode, String firmwareVersion) {
  public boolean postOk() {
    return postCode == 0;
  }
}
