package io.kilowire.core.station.reservations;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The reservations as the bytes of their snapshot. */
final class ReservationFormat {
  private static final int FORMAT = 1;
  private static final int NONE = Integer.MIN_VALUE;

  private ReservationFormat() {}

  static byte[] toBytes(Collection<Reservation> reservations) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      out.writeInt(reservations.size());
      for (Reservation r : reservations) {
        out.writeInt(r.id());
        out.writeInt(r.evse() == null ? NONE : r.evse());
        writeOptional(out, r.connectorType());
        out.writeUTF(r.idToken());
        out.writeUTF(r.idTokenType());
        writeOptional(out, r.groupToken());
        out.writeLong(r.expiresAt().toEpochMilli());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The reservations written by {@link #toBytes}; IllegalArgumentException when damaged. */
  static List<Reservation> fromBytes(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      int format = in.readUnsignedByte();
      if (format != FORMAT) {
        throw new IllegalArgumentException("unknown reservations format " + format);
      }
      int n = in.readInt();
      if (n < 0 || n > 10_000) {
        throw new IllegalArgumentException("damaged reservations: count " + n);
      }
      List<Reservation> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int id = in.readInt();
        int evse = in.readInt();
        String type = readOptional(in);
        String token = in.readUTF();
        String tokenType = in.readUTF();
        String group = readOptional(in);
        Instant expires = Instant.ofEpochMilli(in.readLong());
        out.add(
            new Reservation(
                id, evse == NONE ? null : evse, type, token, tokenType, group, expires));
      }
      if (in.read() != -1) {
        throw new IllegalArgumentException("damaged reservations: trailing bytes");
      }
      return out;
    } catch (IOException e) {
      throw new IllegalArgumentException("damaged reservations", e);
    }
  }

  private static void writeOptional(DataOutputStream out, @Nullable String value)
      throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeUTF(value);
    }
  }

  private static @Nullable String readOptional(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }
}
