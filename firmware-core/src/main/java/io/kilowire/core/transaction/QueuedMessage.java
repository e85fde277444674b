package io.kilowire.core.transaction;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A transaction-related message waiting for the CSMS: its OCPP action, its payload as JSON (so a
 * restarted station sends exactly what it recorded), and what it belongs to.
 *
 * @param transactionId the station's own id of the transaction (2.0.1 transactionId; in 1.6 the key
 *     under which the CSMS-assigned id is remembered)
 * @param kind START and END are never dropped; UPDATE may be thinned under pressure
 * @param seqNo the 2.0.1 seqNo the message carries (-1 in 1.6), so recovery never reuses one
 */
public record QueuedMessage(
    String action, String payloadJson, String transactionId, Kind kind, int seqNo) {
  /** Where in its transaction a message stands. */
  public enum Kind {
    START,
    UPDATE,
    END
  }

  private static final int FORMAT = 1;

  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(payloadJson.length() + 64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      out.writeUTF(action);
      out.writeUTF(transactionId);
      out.writeByte(kind.ordinal());
      out.writeInt(seqNo);
      byte[] payload = payloadJson.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      out.writeInt(payload.length);
      out.write(payload);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Reads a record written by {@link #toBytes()}. */
  public static QueuedMessage fromBytes(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      int format = in.readUnsignedByte();
      if (format != FORMAT) {
        throw new IllegalArgumentException("unknown queued-message format " + format);
      }
      String action = in.readUTF();
      String tx = in.readUTF();
      Kind kind = Kind.values()[in.readUnsignedByte()];
      int seqNo = in.readInt();
      byte[] payload = new byte[in.readInt()];
      in.readFully(payload);
      return new QueuedMessage(
          action, new String(payload, java.nio.charset.StandardCharsets.UTF_8), tx, kind, seqNo);
    } catch (IOException | ArrayIndexOutOfBoundsException e) {
      throw new IllegalArgumentException("damaged queued message", e);
    }
  }
}
