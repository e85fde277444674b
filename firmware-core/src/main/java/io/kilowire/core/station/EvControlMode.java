package io.kilowire.core.station;

/**
 * How an ISO 15118-20 EV chose to be controlled (ServiceSelectionReq): it follows schedules it
 * agreed with the station (Scheduled), or the station's momentary targets (Dynamic). An EV that
 * says nothing (ISO 15118-2, DIN) is scheduled.
 */
public enum EvControlMode {
  SCHEDULED,
  DYNAMIC
}
