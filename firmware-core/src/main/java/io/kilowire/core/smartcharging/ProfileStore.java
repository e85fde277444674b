package io.kilowire.core.smartcharging;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The installed charging profiles, in memory, keyed by id. Not thread-safe: a station's event loop
 * owns it. {@link #toBytes()} and {@link #fromBytes(byte[])} let the runtime persist it as the
 * snapshot {@link #SNAPSHOT_NAME}, since profiles must survive reboots (ERR16 3.37).
 */
public final class ProfileStore {
  /** The SnapshotStore name the runtime keeps profiles under. */
  public static final String SNAPSHOT_NAME = "charging-profiles";

  private static final int MAGIC = 0x4b574350; // "KWCP"

  /**
   * 2: periods carry 2.1's discharge limit, setpoint and operation mode; 3: and 2.1's values per
   * phase; 4: and the reactive setpoint; 5: and the frequency support (baseline, curves); 6: a
   * period may have no limit of its own (2.1). Older formats are still read.
   */
  private static final int FORMAT = 6;

  private final TreeMap<Integer, ChargingProfile> byId = new TreeMap<>();

  /** All profiles, by ascending id. */
  public List<ChargingProfile> profiles() {
    return List.copyOf(byId.values());
  }

  public int size() {
    return byId.size();
  }

  public Optional<ChargingProfile> byId(int id) {
    return Optional.ofNullable(byId.get(id));
  }

  /**
   * The installed profiles {@code profile} would replace: the one with the same id, and with {@link
   * ProfileRules#replacesSameSlot()} (1.6 §3.13.2, A.3) also the one with the same purpose, stack
   * level and connector (the connector keeps a connector-0 TxDefault in place for the other
   * connectors, ERR16 3.53). Without it (2.0.1 K01.FR.05) a clash of stack level is a rejection,
   * see {@link ProfileValidator}.
   */
  public List<ChargingProfile> replacedBy(ChargingProfile profile, ProfileRules rules) {
    List<ChargingProfile> result = new ArrayList<>();
    for (ChargingProfile p : byId.values()) {
      boolean sameId = p.id() == profile.id();
      boolean sameSlot =
          rules.replacesSameSlot()
              && p.purpose() == profile.purpose()
              && p.stackLevel() == profile.stackLevel()
              && p.evseId() == profile.evseId();
      if (sameId || sameSlot) {
        result.add(p);
      }
    }
    return result;
  }

  /**
   * Installs a validated profile with the replacement rules of {@code rules}; returns what it
   * replaced.
   */
  public List<ChargingProfile> install(ChargingProfile profile, ProfileRules rules) {
    List<ChargingProfile> replaced = replacedBy(profile, rules);
    for (ChargingProfile p : replaced) {
      byId.remove(p.id());
    }
    byId.put(profile.id(), profile);
    return replaced;
  }

  /**
   * ClearChargingProfile from the CSMS; returns the removed profiles (empty = answer Unknown).
   * External constraints are never cleared by the CSMS (2.0.1 K10.FR.06 as libocpp cites it).
   */
  public List<ChargingProfile> clear(ClearCriteria criteria) {
    return removeIf(
        p ->
            p.purpose() != ProfilePurpose.CHARGING_STATION_EXTERNAL_CONSTRAINTS
                && criteria.matches(p));
  }

  /**
   * Installs a local system's profile (an external limit) or a Dynamic profile's update by id
   * alone: it replaces only the profile with the same id, without the protocol's replacement rules
   * or CSMS validation. Returns what it replaced.
   */
  public Optional<ChargingProfile> putLocal(ChargingProfile profile) {
    return Optional.ofNullable(byId.put(profile.id(), profile));
  }

  /** Removes one profile whatever its purpose: for local systems that own external constraints. */
  public Optional<ChargingProfile> remove(int id) {
    return Optional.ofNullable(byId.remove(id));
  }

  /** The profiles matching a GetChargingProfiles criterion, by ascending id. */
  public List<ChargingProfile> find(ProfileQuery query) {
    List<ChargingProfile> result = new ArrayList<>();
    for (ChargingProfile p : byId.values()) {
      if (query.matches(p)) {
        result.add(p);
      }
    }
    return result;
  }

  /**
   * The transaction on {@code evseId} ended: its TxProfiles go (1.6 §3.13.1: they cease to be valid
   * when the transaction stops). TxProfiles without a transaction id belong to whatever ran there.
   */
  public List<ChargingProfile> endTransaction(int evseId, String transactionId) {
    return removeIf(
        p ->
            p.purpose() == ProfilePurpose.TX
                && p.evseId() == evseId
                && (p.transactionId() == null || p.transactionId().equals(transactionId)));
  }

  private List<ChargingProfile> removeIf(Predicate<ChargingProfile> condition) {
    List<ChargingProfile> removed = new ArrayList<>();
    for (ChargingProfile p : byId.values()) {
      if (condition.test(p)) {
        removed.add(p);
      }
    }
    removed.forEach(p -> byId.remove(p.id()));
    removed.sort(Comparator.comparingInt(ChargingProfile::id));
    return removed;
  }

  /** Every profile, in a compact binary form of our own. */
  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(FORMAT);
      out.writeInt(byId.size());
      for (ChargingProfile p : byId.values()) {
        writeProfile(out, p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return bytes.toByteArray();
  }

  /**
   * A store holding the profiles of {@link #toBytes()}.
   *
   * @throws IllegalArgumentException if the bytes are not such a snapshot or are damaged
   */
  public static ProfileStore fromBytes(byte[] data) {
    ProfileStore store = new ProfileStore();
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      if (in.readInt() != MAGIC) {
        throw new IllegalArgumentException("not a charging-profile snapshot");
      }
      int format = in.readInt();
      if (format < 1 || format > FORMAT) {
        throw new IllegalArgumentException("unknown charging-profile snapshot format " + format);
      }
      int count = in.readInt();
      for (int i = 0; i < count; i++) {
        ChargingProfile p = readProfile(in, format);
        store.byId.put(p.id(), p);
      }
      if (in.read() != -1) {
        throw new IllegalArgumentException("trailing bytes after the charging profiles");
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException) {
        throw (IllegalArgumentException) e;
      }
      throw new IllegalArgumentException("damaged charging-profile snapshot", e);
    }
    return store;
  }

  private static void writeProfile(DataOutputStream out, ChargingProfile p) throws IOException {
    out.writeInt(p.id());
    out.writeInt(p.stackLevel());
    out.writeUTF(p.purpose().name());
    out.writeUTF(p.kind().name());
    writeNullableString(out, p.recurrency() == null ? null : p.recurrency().name());
    writeInstant(out, p.validFrom());
    writeInstant(out, p.validTo());
    writeNullableString(out, p.transactionId());
    out.writeInt(p.evseId());
    out.writeUTF(p.source().name());
    writeInteger(out, p.maxOfflineDuration());
    out.writeBoolean(p.invalidAfterOfflineDuration());
    writeInteger(out, p.dynUpdateInterval());
    writeInstant(out, p.dynUpdateTime());
    out.writeInt(p.schedules().size());
    for (ChargingSchedule s : p.schedules()) {
      out.writeInt(s.id());
      writeInstant(out, s.startSchedule());
      writeInteger(out, s.duration());
      out.writeUTF(s.unit().name());
      writeDecimal(out, s.minChargingRate());
      out.writeInt(s.periods().size());
      for (SchedulePeriod period : s.periods()) {
        out.writeInt(period.startPeriod());
        writeDecimal(out, period.limit());
        writeInteger(out, period.numberPhases());
        writeInteger(out, period.phaseToUse());
        writeDecimal(out, period.dischargeLimit());
        writeDecimal(out, period.setpoint());
        OperationMode mode = period.operationMode();
        writeNullableString(out, mode == null ? null : mode.name());
        PhaseValues perPhase = period.perPhase();
        out.writeBoolean(perPhase != null);
        if (perPhase != null) {
          writeDecimal(out, perPhase.limitL2());
          writeDecimal(out, perPhase.limitL3());
          writeDecimal(out, perPhase.dischargeLimitL2());
          writeDecimal(out, perPhase.dischargeLimitL3());
          writeDecimal(out, perPhase.setpointL2());
          writeDecimal(out, perPhase.setpointL3());
        }
        ReactiveSetpoint reactive = period.setpointReactive();
        out.writeBoolean(reactive != null);
        if (reactive != null) {
          writeDecimal(out, reactive.value());
          writeDecimal(out, reactive.l2());
          writeDecimal(out, reactive.l3());
        }
        writeCurves(out, period.v2x());
      }
    }
  }

  private static ChargingProfile readProfile(DataInputStream in, int format) throws IOException {
    int id = in.readInt();
    int stackLevel = in.readInt();
    ProfilePurpose purpose = ProfilePurpose.valueOf(in.readUTF());
    ProfileKind kind = ProfileKind.valueOf(in.readUTF());
    String recurrency = readNullableString(in);
    Instant validFrom = readInstant(in);
    Instant validTo = readInstant(in);
    String transactionId = readNullableString(in);
    int evseId = in.readInt();
    LimitSource source = LimitSource.valueOf(in.readUTF());
    Integer maxOffline = readInteger(in);
    boolean invalidAfterOffline = in.readBoolean();
    Integer dynInterval = readInteger(in);
    Instant dynTime = readInstant(in);
    int scheduleCount = in.readInt();
    if (scheduleCount < 1 || scheduleCount > 3) {
      throw new IllegalArgumentException("bad schedule count " + scheduleCount);
    }
    List<ChargingSchedule> schedules = new ArrayList<>();
    for (int i = 0; i < scheduleCount; i++) {
      int scheduleId = in.readInt();
      Instant start = readInstant(in);
      Integer duration = readInteger(in);
      RateUnit unit = RateUnit.valueOf(in.readUTF());
      BigDecimal minRate = readDecimal(in);
      int periodCount = in.readInt();
      if (periodCount < 0 || periodCount > 1024) {
        throw new IllegalArgumentException("bad period count " + periodCount);
      }
      List<SchedulePeriod> periods = new ArrayList<>();
      for (int j = 0; j < periodCount; j++) {
        int startPeriod = in.readInt();
        BigDecimal limit = readDecimal(in);
        if (limit == null && format < 6) {
          throw new IllegalArgumentException("a period without limit");
        }
        SchedulePeriod period =
            new SchedulePeriod(startPeriod, limit, readInteger(in), readInteger(in));
        if (format >= 2) {
          BigDecimal dischargeLimit = readDecimal(in);
          BigDecimal setpoint = readDecimal(in);
          String mode = readNullableString(in);
          period =
              period.bidirectional(
                  dischargeLimit, setpoint, mode == null ? null : OperationMode.valueOf(mode));
        }
        if (format >= 3 && in.readBoolean()) {
          period =
              period.withPerPhase(
                  new PhaseValues(
                      readDecimal(in),
                      readDecimal(in),
                      readDecimal(in),
                      readDecimal(in),
                      readDecimal(in),
                      readDecimal(in)));
        }
        if (format >= 4 && in.readBoolean()) {
          BigDecimal value = readDecimal(in);
          if (value == null) {
            throw new IllegalArgumentException("a reactive setpoint without value");
          }
          period =
              period.withSetpointReactive(
                  new ReactiveSetpoint(value, readDecimal(in), readDecimal(in)));
        }
        if (format >= 5) {
          period = period.withV2x(readCurves(in));
        }
        periods.add(period);
      }
      schedules.add(new ChargingSchedule(scheduleId, start, duration, unit, periods, minRate));
    }
    return new ChargingProfile(
        id,
        stackLevel,
        purpose,
        kind,
        recurrency == null ? null : Recurrency.valueOf(recurrency),
        validFrom,
        validTo,
        transactionId,
        evseId,
        schedules,
        source,
        maxOffline,
        invalidAfterOffline,
        dynInterval,
        dynTime);
  }

  private static void writeCurves(DataOutputStream out, @Nullable V2xCurves curves)
      throws IOException {
    out.writeBoolean(curves != null);
    if (curves != null) {
      writeDecimal(out, curves.baselineW());
      writePoints(out, curves.frequencyWatt());
      writePoints(out, curves.signalWatt());
    }
  }

  private static void writePoints(DataOutputStream out, List<V2xCurves.Point> points)
      throws IOException {
    out.writeInt(points.size());
    for (V2xCurves.Point p : points) {
      writeDecimal(out, p.x());
      writeDecimal(out, p.watts());
    }
  }

  private static @Nullable V2xCurves readCurves(DataInputStream in) throws IOException {
    if (!in.readBoolean()) {
      return null;
    }
    BigDecimal baseline = readDecimal(in);
    return new V2xCurves(baseline, readPoints(in), readPoints(in));
  }

  private static List<V2xCurves.Point> readPoints(DataInputStream in) throws IOException {
    int count = in.readInt();
    if (count < 0 || count > 20) {
      throw new IllegalArgumentException("bad curve point count " + count);
    }
    List<V2xCurves.Point> points = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      BigDecimal x = readDecimal(in);
      BigDecimal watts = readDecimal(in);
      if (x == null || watts == null) {
        throw new IllegalArgumentException("a curve point without a value");
      }
      points.add(new V2xCurves.Point(x, watts));
    }
    return points;
  }

  private static void writeNullableString(DataOutputStream out, @Nullable String s)
      throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      out.writeUTF(s);
    }
  }

  private static @Nullable String readNullableString(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }

  private static void writeInteger(DataOutputStream out, @Nullable Integer i) throws IOException {
    out.writeBoolean(i != null);
    if (i != null) {
      out.writeInt(i);
    }
  }

  private static @Nullable Integer readInteger(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readInt() : null;
  }

  private static void writeDecimal(DataOutputStream out, @Nullable BigDecimal d)
      throws IOException {
    writeNullableString(out, d == null ? null : d.toPlainString());
  }

  private static @Nullable BigDecimal readDecimal(DataInputStream in) throws IOException {
    String s = readNullableString(in);
    return s == null ? null : new BigDecimal(s);
  }

  private static void writeInstant(DataOutputStream out, @Nullable Instant t) throws IOException {
    out.writeBoolean(t != null);
    if (t != null) {
      out.writeLong(t.getEpochSecond());
      out.writeInt(t.getNano());
    }
  }

  private static @Nullable Instant readInstant(DataInputStream in) throws IOException {
    return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
  }
}
