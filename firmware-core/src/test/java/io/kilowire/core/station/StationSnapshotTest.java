package io.kilowire.core.station;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.metering.MeterReading;
import io.kilowire.core.metering.MeterReading.PerPhase;
import io.kilowire.core.transaction.Transaction;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Station state kept over a restart")
class StationSnapshotTest {
  private static final Instant START = Instant.parse("2026-12-07T10:00:00Z");
  private static final Instant READ_AT = Instant.parse("2026-12-07T10:30:00Z");

  @Test
  void aTransactionsLastReadingKeepsTheExportRegister() {
    MeterReading discharging =
        new MeterReading(
                READ_AT, 1200, -6900, new PerPhase(-10, -10, -10), new PerPhase(230, 230, 230), 55)
            .withExportEnergy(1150.5);

    Transaction restored = roundTrip(transaction(discharging));

    assertThat(restored.lastReading().exportEnergyWh()).isEqualTo(1150.5);
    assertThat(restored.lastReading().energyWh()).isEqualTo(1200);
    assertThat(restored.lastReading().powerW()).isEqualTo(-6900);
    assertThat(restored.lastReading().socPercent()).isEqualTo(55);
  }

  @Test
  void aMeterWithoutExportRegisterStaysWithoutOne() {
    MeterReading charging =
        new MeterReading(
            READ_AT, 1200, 11040, new PerPhase(16, 16, 16), new PerPhase(230, 230, 230), null);

    Transaction restored = roundTrip(transaction(charging));

    assertThat(restored.lastReading().exportEnergyWh()).isNull();
    assertThat(restored.lastReading().powerW()).isEqualTo(11040);
  }

  @Test
  void aSnapshotWrittenBeforeTheExportRegisterStillReads() throws IOException {
    // Format 3, as a station wrote it before the export register was kept.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(3);
      out.writeInt(1);
      out.writeUTF("tx-1");
      out.writeInt(1);
      out.writeInt(1);
      out.writeUTF("TAG1");
      out.writeUTF("ISO14443");
      out.writeLong(START.toEpochMilli());
      out.writeDouble(1000);
      out.writeInt(42);
      out.writeInt(7);
      out.writeInt(Integer.MIN_VALUE);
      out.writeBoolean(false);
      out.writeBoolean(true);
      out.writeLong(READ_AT.toEpochMilli());
      out.writeDouble(1200);
      out.writeDouble(-6900);
      for (double v : new double[] {-10, -10, -10, 230, 230, 230}) {
        out.writeDouble(v);
      }
      out.writeInt(55);
      out.writeInt(9);
      out.writeInt(1);
      out.writeUTF("tx-0");
      out.writeInt(41);
      out.writeInt(1);
      out.writeInt(2);
      out.writeLong(Long.MIN_VALUE);
    }

    StationSnapshot old = StationSnapshot.fromBytes(bytes.toByteArray());

    Transaction t = old.openTransactions().get(0);
    assertThat(t.id()).isEqualTo("tx-1");
    assertThat(t.csmsId()).isEqualTo(42);
    assertThat(t.nextSeqNo()).isEqualTo(7);
    assertThat(t.reservationId()).isEqualTo(9);
    assertThat(t.lastReading().energyWh()).isEqualTo(1200);
    assertThat(t.lastReading().socPercent()).isEqualTo(55);
    assertThat(t.lastReading().exportEnergyWh()).as("an old snapshot has none").isNull();
    assertThat(old.csmsIds()).containsExactly(Map.entry("tx-0", 41));
    assertThat(old.inoperative()).containsExactly(2);
    assertThat(old.offlineSince()).isNull();
  }

  private static Transaction transaction(MeterReading last) {
    return new Transaction(
        "tx-1", 1, 1, "TAG1", "ISO14443", START, 1000, 42, 7, null, false, true, last, 9);
  }

  private static Transaction roundTrip(Transaction t) {
    byte[] bytes = new StationSnapshot(List.of(t), Map.of(), Set.of()).toBytes();
    List<Transaction> open = StationSnapshot.fromBytes(bytes).openTransactions();
    assertThat(open).hasSize(1);
    return open.get(0);
  }
}
