package io.kilowire.emulator.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * What one emulator process did, as {@code --summary FILE} writes it: the shards of a fleet each
 * write one, and {@code merge} adds them up. The benchmark's figures are null in a plain run.
 *
 * @param shard this process's part, {@code K/N}
 * @param stations stations this process started
 * @param accepted stations whose BootNotification the CSMS accepted at least once
 * @param transactions transactions the stations started
 * @param bootAllSeconds from the first station's start until every one was accepted
 * @param steadySeconds from then until the stop
 * @param calls CALLs the stations sent in the steady phase
 * @param callsPerSecond their rate
 * @param disconnections connections lost in the steady phase
 * @param cpuCores CPU seconds per wall-clock second of this process in the steady phase
 * @param peakRssBytes the process's peak resident set size
 * @param threads the most threads the process had in the steady phase
 * @param stopSeconds how long stopping every station took
 * @param roundTrips the steady phase's CALL round trips in microseconds, an HdrHistogram in its
 *     compressed base64 form
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FleetSummary(
    String shard,
    int stations,
    long accepted,
    long transactions,
    @Nullable Double bootAllSeconds,
    @Nullable Double steadySeconds,
    @Nullable Long calls,
    @Nullable Double callsPerSecond,
    @Nullable Long disconnections,
    @Nullable Double cpuCores,
    @Nullable Long peakRssBytes,
    @Nullable Integer threads,
    @Nullable Double stopSeconds,
    @Nullable String roundTrips) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** A plain run's summary, without the benchmark's figures. */
  public static FleetSummary of(String shard, int stations, long accepted, long transactions) {
    return new FleetSummary(
        shard,
        stations,
        accepted,
        transactions,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** The steady phase's round trips, decoded; empty if none were measured. */
  public Histogram roundTripHistogram() {
    if (roundTrips == null) {
      return new Histogram(3);
    }
    try {
      return Histogram.decodeFromCompressedByteBuffer(
          ByteBuffer.wrap(Base64.getDecoder().decode(roundTrips)), 0);
    } catch (DataFormatException | IllegalArgumentException e) {
      throw new IllegalArgumentException("roundTrips is not an encoded histogram", e);
    }
  }

  /** A histogram in the form {@link #roundTrips} holds. */
  public static String encode(Histogram histogram) {
    ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int length = histogram.encodeIntoCompressedByteBuffer(buffer, Deflater.BEST_COMPRESSION);
    return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
  }

  /**
   * The shards of one fleet as one: counts and rates add up, the boot takes as long as the slowest
   * shard's, the round trips merge into one histogram; CPU and memory are per process, so the
   * merged summary holds their total and the report the largest.
   */
  public static FleetSummary merge(List<FleetSummary> shards) {
    Histogram trips = new Histogram(3);
    for (FleetSummary s : shards) {
      trips.add(s.roundTripHistogram());
    }
    return new FleetSummary(
        shards.size() + " shards",
        shards.stream().mapToInt(FleetSummary::stations).sum(),
        shards.stream().mapToLong(FleetSummary::accepted).sum(),
        shards.stream().mapToLong(FleetSummary::transactions).sum(),
        max(shards, FleetSummary::bootAllSeconds),
        min(shards, FleetSummary::steadySeconds),
        sumLong(shards, FleetSummary::calls),
        sum(shards, FleetSummary::callsPerSecond),
        sumLong(shards, FleetSummary::disconnections),
        sum(shards, FleetSummary::cpuCores),
        sumLong(shards, FleetSummary::peakRssBytes),
        shards.stream()
            .map(FleetSummary::threads)
            .filter(Objects::nonNull)
            .reduce(Integer::sum)
            .orElse(null),
        max(shards, FleetSummary::stopSeconds),
        trips.getTotalCount() == 0 ? null : encode(trips));
  }

  private static @Nullable Double max(
      List<FleetSummary> shards, Function<FleetSummary, @Nullable Double> field) {
    return shards.stream().map(field).filter(Objects::nonNull).max(Double::compare).orElse(null);
  }

  private static @Nullable Double min(
      List<FleetSummary> shards, Function<FleetSummary, @Nullable Double> field) {
    return shards.stream().map(field).filter(Objects::nonNull).min(Double::compare).orElse(null);
  }

  private static @Nullable Double sum(
      List<FleetSummary> shards, Function<FleetSummary, @Nullable Double> field) {
    return shards.stream().map(field).filter(Objects::nonNull).reduce(Double::sum).orElse(null);
  }

  private static @Nullable Long sumLong(
      List<FleetSummary> shards, Function<FleetSummary, @Nullable Long> field) {
    return shards.stream().map(field).filter(Objects::nonNull).reduce(Long::sum).orElse(null);
  }

  public void write(Path file) throws IOException {
    JSON.writeValue(file.toFile(), this);
  }

  public static FleetSummary read(Path file) throws IOException {
    return JSON.readValue(file.toFile(), FleetSummary.class);
  }
}
