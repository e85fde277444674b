package io.kilowire.core.station.firmware;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The firmware room's snapshot: the update in progress, its phase, the last status reported. */
final class FirmwareJobFormat {
  private static final int FORMAT = 1;
  private static final int NONE = Integer.MIN_VALUE;
  private static final long NO_TIME = Long.MIN_VALUE;

  /** What the room keeps across a restart. */
  record Job(
      @Nullable FirmwareUpdate update,
      FirmwareUpdates.@Nullable Phase phase,
      @Nullable String newVersion,
      @Nullable FirmwareStatus lastStatus,
      @Nullable Integer lastRequestId,
      boolean lastSecure) {}

  private FirmwareJobFormat() {}

  static byte[] toBytes(Job job) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      FirmwareUpdate u = job.update();
      FirmwareUpdates.Phase phase = job.phase();
      out.writeBoolean(u != null && phase != null);
      if (u != null && phase != null) {
        out.writeInt(u.requestId() == null ? NONE : u.requestId());
        out.writeUTF(u.location().toString());
        out.writeInt(u.retries());
        out.writeLong(u.retryInterval().toMillis());
        out.writeLong(u.retrieveAt().toEpochMilli());
        Instant installAt = u.installAt();
        out.writeLong(installAt == null ? NO_TIME : installAt.toEpochMilli());
        writeOptional(out, u.signingCertificate());
        writeOptional(out, u.signature());
        out.writeByte(phase.ordinal());
      }
      writeOptional(out, job.newVersion());
      FirmwareStatus last = job.lastStatus();
      out.writeByte(last == null ? -1 : last.ordinal());
      out.writeInt(job.lastRequestId() == null ? NONE : job.lastRequestId());
      out.writeBoolean(job.lastSecure());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The job written by {@link #toBytes}; IllegalArgumentException when damaged. */
  static Job fromBytes(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      int format = in.readUnsignedByte();
      if (format != FORMAT) {
        throw new IllegalArgumentException("unknown firmware-update format " + format);
      }
      FirmwareUpdate update = null;
      FirmwareUpdates.Phase phase = null;
      if (in.readBoolean()) {
        int requestId = in.readInt();
        URI location = new URI(in.readUTF());
        int retries = in.readInt();
        Duration retryInterval = Duration.ofMillis(in.readLong());
        Instant retrieveAt = Instant.ofEpochMilli(in.readLong());
        long installAt = in.readLong();
        String certificate = readOptional(in);
        String signature = readOptional(in);
        phase = FirmwareUpdates.Phase.values()[in.readUnsignedByte()];
        update =
            new FirmwareUpdate(
                requestId == NONE ? null : requestId,
                location,
                retries,
                retryInterval,
                retrieveAt,
                installAt == NO_TIME ? null : Instant.ofEpochMilli(installAt),
                certificate,
                signature);
      }
      String newVersion = readOptional(in);
      int last = in.readByte();
      int lastRequestId = in.readInt();
      boolean lastSecure = in.readBoolean();
      return new Job(
          update,
          phase,
          newVersion,
          last < 0 ? null : FirmwareStatus.values()[last],
          lastRequestId == NONE ? null : lastRequestId,
          lastSecure);
    } catch (IOException | URISyntaxException | RuntimeException e) {
      throw new IllegalArgumentException("damaged firmware-update state", e);
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
