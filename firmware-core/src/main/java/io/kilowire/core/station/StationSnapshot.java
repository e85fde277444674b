package io.kilowire.core.station;

import io.kilowire.core.metering.MeterReading;
import io.kilowire.core.metering.MeterReading.PerPhase;
import io.kilowire.core.transaction.Transaction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The station state that must survive a restart: open transactions (with their last meter reading),
 * the CSMS-assigned ids of transactions whose messages still wait, and inoperative EVSEs. Written
 * whole and atomically through the snapshot store after every change.
 */
record StationSnapshot(
    List<Transaction> openTransactions,
    Map<String, Integer> csmsIds,
    Set<Integer> inoperative,
    @Nullable Instant offlineSince) {
  static final String NAME = "station-state";

  /**
   * 2 added {@code offlineSince}, 3 a transaction's reservation, 4 the export register of its last
   * reading; 1 to 3 are still read (as online, without reservations, without export register).
   */
  private static final int FORMAT = 4;

  /** Written for a meter that does not count exported energy (no export register). */
  private static final double NO_EXPORT_REGISTER = Double.NaN;

  StationSnapshot(
      List<Transaction> openTransactions, Map<String, Integer> csmsIds, Set<Integer> inoperative) {
    this(openTransactions, csmsIds, inoperative, null);
  }

  static StationSnapshot empty() {
    return new StationSnapshot(List.of(), Map.of(), Set.of());
  }

  byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      out.writeInt(openTransactions.size());
      for (Transaction t : openTransactions) {
        out.writeUTF(t.id());
        out.writeInt(t.evse());
        out.writeInt(t.connector());
        out.writeUTF(t.idToken());
        out.writeUTF(t.idTokenType());
        out.writeLong(t.startedAt().toEpochMilli());
        out.writeDouble(t.meterStartWh());
        out.writeInt(t.csmsId() == null ? Integer.MIN_VALUE : t.csmsId());
        out.writeInt(t.nextSeqNo());
        out.writeInt(t.remoteStartId() == null ? Integer.MIN_VALUE : t.remoteStartId());
        out.writeBoolean(t.startedOffline());
        out.writeBoolean(t.charging());
        MeterReading r = t.lastReading();
        out.writeLong(r.at().toEpochMilli());
        out.writeDouble(r.energyWh());
        out.writeDouble(r.powerW());
        writePhases(out, r.currentA());
        writePhases(out, r.voltageV());
        out.writeInt(r.socPercent() == null ? -1 : r.socPercent());
        out.writeInt(t.reservationId() == null ? Integer.MIN_VALUE : t.reservationId());
        Double exportWh = r.exportEnergyWh();
        out.writeDouble(exportWh == null ? NO_EXPORT_REGISTER : exportWh);
      }
      out.writeInt(csmsIds.size());
      for (Map.Entry<String, Integer> e : csmsIds.entrySet()) {
        out.writeUTF(e.getKey());
        out.writeInt(e.getValue());
      }
      out.writeInt(inoperative.size());
      for (int evse : inoperative) {
        out.writeInt(evse);
      }
      Instant since = offlineSince;
      out.writeLong(since == null ? Long.MIN_VALUE : since.toEpochMilli());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static StationSnapshot fromBytes(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      int format = in.readUnsignedByte();
      if (format < 1 || format > FORMAT) {
        throw new IllegalArgumentException("unknown station-state format " + format);
      }
      int n = in.readInt();
      List<Transaction> open = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        String id = in.readUTF();
        int evse = in.readInt();
        int connector = in.readInt();
        String token = in.readUTF();
        String type = in.readUTF();
        Instant started = Instant.ofEpochMilli(in.readLong());
        double meterStart = in.readDouble();
        int csms = in.readInt();
        int seq = in.readInt();
        int remote = in.readInt();
        boolean offline = in.readBoolean();
        boolean charging = in.readBoolean();
        Instant at = Instant.ofEpochMilli(in.readLong());
        double energy = in.readDouble();
        double power = in.readDouble();
        PerPhase current = readPhases(in);
        PerPhase voltage = readPhases(in);
        int soc = in.readInt();
        int reservation = format >= 3 ? in.readInt() : Integer.MIN_VALUE;
        double exportWh = format >= 4 ? in.readDouble() : NO_EXPORT_REGISTER;
        MeterReading last =
            new MeterReading(at, energy, power, current, voltage, soc < 0 ? null : soc);
        open.add(
            new Transaction(
                id,
                evse,
                connector,
                token,
                type,
                started,
                meterStart,
                csms == Integer.MIN_VALUE ? null : csms,
                seq,
                remote == Integer.MIN_VALUE ? null : remote,
                offline,
                charging,
                Double.isNaN(exportWh) ? last : last.withExportEnergy(exportWh),
                reservation == Integer.MIN_VALUE ? null : reservation));
      }
      int m = in.readInt();
      Map<String, Integer> ids = new HashMap<>();
      for (int i = 0; i < m; i++) {
        ids.put(in.readUTF(), in.readInt());
      }
      int k = in.readInt();
      Set<Integer> down = new TreeSet<>();
      for (int i = 0; i < k; i++) {
        down.add(in.readInt());
      }
      Instant offlineSince = null;
      if (format >= 2) {
        long since = in.readLong();
        offlineSince = since == Long.MIN_VALUE ? null : Instant.ofEpochMilli(since);
      }
      return new StationSnapshot(
          List.copyOf(open), Map.copyOf(ids), Set.copyOf(down), offlineSince);
    } catch (IOException e) {
      throw new IllegalArgumentException("damaged station state", e);
    }
  }

  private static void writePhases(DataOutputStream out, PerPhase p) throws IOException {
    out.writeDouble(p.l1());
    out.writeDouble(p.l2());
    out.writeDouble(p.l3());
  }

  private static PerPhase readPhases(DataInputStream in) throws IOException {
    return new PerPhase(in.readDouble(), in.readDouble(), in.readDouble());
  }
}
