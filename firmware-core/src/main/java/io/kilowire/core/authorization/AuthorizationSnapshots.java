package io.kilowire.core.authorization;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;

/**
 * The binary snapshot format of the cache and the local list. Self-written rather than JSON because
 * Jackson stays inside {@code ocpp.json}; small, versioned and checksummed:
 *
 * <pre>
 * int    magic           "KWAC" (cache) or "KWAL" (local list)
 * byte   format version  1
 * int    list version    (local list only)
 * int    entry count
 * entry* token, info, and for the cache lastUsed
 * long   CRC-32 of every byte before it
 *
 * token   = UTF type name, UTF value
 * info    = UTF status name, bool+instant expiry, bool+token group, int count + int* EVSE ids
 * instant = long epoch second, int nano
 * </pre>
 *
 * Enums are written by name, so reordering a constant cannot silently change a stored status.
 */
final class AuthorizationSnapshots {
  static final int CACHE_MAGIC = 0x4B574143; // "KWAC"
  static final int LIST_MAGIC = 0x4B57414C; // "KWAL"
  static final byte FORMAT = 1;

  /** Bounds the entry count read from a blob, so a damaged count cannot ask for gigabytes. */
  private static final int MAX_ENTRIES = 1_000_000;

  private AuthorizationSnapshots() {}

  /** A snapshot that cannot be read: damaged, truncated, or of an unknown format. */
  static final class CorruptSnapshotException extends Exception {
    private static final long serialVersionUID = 1L;

    CorruptSnapshotException(String message) {
      super(message);
    }

    CorruptSnapshotException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The local list as read back. */
  record ListSnapshot(int version, Map<IdentifierToken, AuthorizationInfo> entries) {}

  static byte[] encodeCache(List<CacheEntry> entries) {
    return write(
        CACHE_MAGIC,
        out -> {
          out.writeInt(entries.size());
          for (CacheEntry entry : entries) {
            writeToken(out, entry.token());
            writeInfo(out, entry.info());
            writeInstant(out, entry.lastUsed());
          }
        });
  }

  static List<CacheEntry> decodeCache(byte[] blob) throws CorruptSnapshotException {
    return read(
        blob,
        CACHE_MAGIC,
        in -> {
          int count = readCount(in);
          List<CacheEntry> entries = new ArrayList<>();
          for (int i = 0; i < count; i++) {
            entries.add(new CacheEntry(readToken(in), readInfo(in), readInstant(in)));
          }
          return entries;
        });
  }

  static byte[] encodeList(int version, Map<IdentifierToken, AuthorizationInfo> entries) {
    return write(
        LIST_MAGIC,
        out -> {
          out.writeInt(version);
          out.writeInt(entries.size());
          for (Map.Entry<IdentifierToken, AuthorizationInfo> entry : entries.entrySet()) {
            writeToken(out, entry.getKey());
            writeInfo(out, entry.getValue());
          }
        });
  }

  static ListSnapshot decodeList(byte[] blob) throws CorruptSnapshotException {
    return read(
        blob,
        LIST_MAGIC,
        in -> {
          int version = in.readInt();
          if (version < 0) {
            throw new IllegalArgumentException("negative list version " + version);
          }
          int count = readCount(in);
          Map<IdentifierToken, AuthorizationInfo> entries = new LinkedHashMap<>();
          for (int i = 0; i < count; i++) {
            IdentifierToken token = readToken(in);
            if (entries.put(token, readInfo(in)) != null) {
              throw new IllegalArgumentException("token listed twice: " + token.value());
            }
          }
          return new ListSnapshot(version, entries);
        });
  }

  // ------------------------------------------------------------------------------------ framing

  private interface Body {
    void write(DataOutputStream out) throws IOException;
  }

  private interface Parser<T> {
    T read(DataInputStream in) throws IOException;
  }

  private static byte[] write(int magic, Body body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(magic);
      out.writeByte(FORMAT);
      body.write(out);
      out.flush();
      CRC32 crc = new CRC32();
      crc.update(bytes.toByteArray());
      out.writeLong(crc.getValue());
    } catch (IOException e) {
      // a ByteArrayOutputStream does not fail; only writeUTF's 64 KiB limit could, and tokens are
      // short
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static <T> T read(byte[] blob, int magic, Parser<T> parser)
      throws CorruptSnapshotException {
    if (blob.length < 4 + 1 + 8) {
      throw new CorruptSnapshotException("snapshot of " + blob.length + " bytes is too short");
    }
    int bodyLength = blob.length - 8;
    CRC32 crc = new CRC32();
    crc.update(blob, 0, bodyLength);
    long stored = 0;
    for (int i = bodyLength; i < blob.length; i++) {
      stored = (stored << 8) | (blob[i] & 0xFF);
    }
    if (stored != crc.getValue()) {
      throw new CorruptSnapshotException("checksum mismatch");
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(blob, 0, bodyLength))) {
      int foundMagic = in.readInt();
      if (foundMagic != magic) {
        throw new CorruptSnapshotException(
            "not this kind of snapshot (magic 0x" + Integer.toHexString(foundMagic) + ")");
      }
      byte format = in.readByte();
      if (format != FORMAT) {
        throw new CorruptSnapshotException("unknown snapshot format " + format);
      }
      T value = parser.read(in);
      if (in.available() > 0) {
        throw new CorruptSnapshotException(in.available() + " unexpected trailing bytes");
      }
      return value;
    } catch (IOException | IllegalArgumentException | DateTimeException e) {
      // EOFException (truncated), a bad enum name, an over-long token, an impossible instant
      throw new CorruptSnapshotException("unreadable snapshot: " + e, e);
    }
  }

  // ----------------------------------------------------------------------------------- fields

  private static int readCount(DataInputStream in) throws IOException {
    int count = in.readInt();
    if (count < 0 || count > MAX_ENTRIES) {
      throw new IllegalArgumentException("implausible entry count " + count);
    }
    return count;
  }

  private static void writeToken(DataOutputStream out, IdentifierToken token) throws IOException {
    out.writeUTF(token.type().name());
    out.writeUTF(token.value());
  }

  private static IdentifierToken readToken(DataInputStream in) throws IOException {
    IdentifierType type = IdentifierType.valueOf(in.readUTF());
    return new IdentifierToken(in.readUTF(), type);
  }

  private static void writeInfo(DataOutputStream out, AuthorizationInfo info) throws IOException {
    out.writeUTF(info.status().name());
    writeOptionalInstant(out, info.expiresAt());
    IdentifierToken group = info.groupToken();
    out.writeBoolean(group != null);
    if (group != null) {
      writeToken(out, group);
    }
    out.writeInt(info.evseIds().size());
    for (int evse : info.evseIds()) {
      out.writeInt(evse);
    }
  }

  private static AuthorizationInfo readInfo(DataInputStream in) throws IOException {
    AuthorizationStatus status = AuthorizationStatus.valueOf(in.readUTF());
    Instant expiry = readOptionalInstant(in);
    IdentifierToken group = in.readBoolean() ? readToken(in) : null;
    int evseCount = readCount(in);
    List<Integer> evses = new ArrayList<>();
    for (int i = 0; i < evseCount; i++) {
      evses.add(in.readInt());
    }
    return new AuthorizationInfo(status, expiry, group, evses);
  }

  private static void writeOptionalInstant(DataOutputStream out, @Nullable Instant instant)
      throws IOException {
    out.writeBoolean(instant != null);
    if (instant != null) {
      writeInstant(out, instant);
    }
  }

  private static @Nullable Instant readOptionalInstant(DataInputStream in) throws IOException {
    return in.readBoolean() ? readInstant(in) : null;
  }

  private static void writeInstant(DataOutputStream out, Instant instant) throws IOException {
    out.writeLong(instant.getEpochSecond());
    out.writeInt(instant.getNano());
  }

  private static Instant readInstant(DataInputStream in) throws IOException {
    return Instant.ofEpochSecond(in.readLong(), in.readInt());
  }
}
