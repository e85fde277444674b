package io.kilowire.core.station.logs;

/**
 * The steps of a log upload as the CSMS hears them (2.0.1 UploadLogStatusEnumType, shared by the
 * 1.6 security extension's LogStatusNotification); 1.6 DiagnosticsStatusNotification says
 * Uploading, Uploaded, UploadFailed and Idle.
 */
public enum LogStatus {
  UPLOADING,
  UPLOADED,
  UPLOAD_FAILURE,
  BAD_MESSAGE,
  PERMISSION_DENIED,
  NOT_SUPPORTED_OPERATION,
  ACCEPTED_CANCELED,
  /** Only in an answer to a trigger: no upload going on. */
  IDLE
}
