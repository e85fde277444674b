package io.kilowire.core.transaction;

import io.kilowire.core.metering.MeterReading;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A transaction as the station knows it. Immutable: each change makes a new value, which the
 * station persists before it acts on it.
 *
 * @param id the station's id (2.0.1 transactionId; in 1.6 the key of the CSMS-assigned id)
 * @param csmsId 1.6: the transactionId the CSMS assigned in StartTransaction.conf, once known
 * @param nextSeqNo 2.0.1: the seqNo of the next TransactionEvent
 * @param startedOffline whether the start happened while the CSMS was unreachable
 * @param reservationId the reservation its token used (1.6 StartTransaction, 2.0.1 the event that
 *     carries the token), null when it used none
 */
public record Transaction(
    String id,
    int evse,
    int connector,
    String idToken,
    String idTokenType,
    Instant startedAt,
    double meterStartWh,
    @Nullable Integer csmsId,
    int nextSeqNo,
    @Nullable Integer remoteStartId,
    boolean startedOffline,
    boolean charging,
    MeterReading lastReading,
    @Nullable Integer reservationId) {

  /** A transaction that used no reservation. */
  public Transaction(
      String id,
      int evse,
      int connector,
      String idToken,
      String idTokenType,
      Instant startedAt,
      double meterStartWh,
      @Nullable Integer csmsId,
      int nextSeqNo,
      @Nullable Integer remoteStartId,
      boolean startedOffline,
      boolean charging,
      MeterReading lastReading) {
    this(
        id,
        evse,
        connector,
        idToken,
        idTokenType,
        startedAt,
        meterStartWh,
        csmsId,
        nextSeqNo,
        remoteStartId,
        startedOffline,
        charging,
        lastReading,
        null);
  }

  public Transaction withCsmsId(int assigned) {
    return new Transaction(
        id,
        evse,
        connector,
        idToken,
        idTokenType,
        startedAt,
        meterStartWh,
        assigned,
        nextSeqNo,
        remoteStartId,
        startedOffline,
        charging,
        lastReading,
        reservationId);
  }

  public Transaction withNextSeqNo(int seqNo) {
    return new Transaction(
        id,
        evse,
        connector,
        idToken,
        idTokenType,
        startedAt,
        meterStartWh,
        csmsId,
        seqNo,
        remoteStartId,
        startedOffline,
        charging,
        lastReading,
        reservationId);
  }

  public Transaction withReading(MeterReading reading) {
    return new Transaction(
        id,
        evse,
        connector,
        idToken,
        idTokenType,
        startedAt,
        meterStartWh,
        csmsId,
        nextSeqNo,
        remoteStartId,
        startedOffline,
        charging,
        reading,
        reservationId);
  }

  /** The token that authorized a transaction started without one (2.0.1 TxStartPoint). */
  public Transaction withToken(String token, String type) {
    return new Transaction(
        id,
        evse,
        connector,
        token,
        type,
        startedAt,
        meterStartWh,
        csmsId,
        nextSeqNo,
        remoteStartId,
        startedOffline,
        charging,
        lastReading,
        reservationId);
  }

  /** The token that authorized it used reservation {@code reservation}. */
  public Transaction withReservation(@Nullable Integer reservation) {
    return new Transaction(
        id,
        evse,
        connector,
        idToken,
        idTokenType,
        startedAt,
        meterStartWh,
        csmsId,
        nextSeqNo,
        remoteStartId,
        startedOffline,
        charging,
        lastReading,
        reservation);
  }

  /** Whether a token authorized it yet (a 2.0.1 transaction may start on cable connection). */
  public boolean authorized() {
    return !idToken.isEmpty();
  }

  public Transaction withCharging(boolean nowCharging) {
    return new Transaction(
        id,
        evse,
        connector,
        idToken,
        idTokenType,
        startedAt,
        meterStartWh,
        csmsId,
        nextSeqNo,
        remoteStartId,
        startedOffline,
        nowCharging,
        lastReading,
        reservationId);
  }
}
