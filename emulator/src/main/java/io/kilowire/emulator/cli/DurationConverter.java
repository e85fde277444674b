package io.kilowire.emulator.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Reads {@code 30s}, {@code 10m}, {@code 1h}, {@code 2d} or a plain number of seconds. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})([smhd]?)");

  @Override
  public Duration convert(String value) {
    Matcher m = FORMAT.matcher(value.trim());
    if (!m.matches()) {
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a duration; use e.g. 30s, 10m, 1h or 2d");
    }
    long n = Long.parseLong(m.group(1));
    Duration d =
        switch (m.group(2)) {
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          case "d" -> Duration.ofDays(n);
          default -> Duration.ofSeconds(n);
        };
    if (d.isZero()) {
      throw new CommandLine.TypeConversionException("a duration must be longer than zero");
    }
    return d;
  }

  /** As {@link DurationConverter}, where 0 means "never". */
  static final class OrNever implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return value.trim().matches("0+[smhd]?")
          ? Duration.ZERO
          : new DurationConverter().convert(value);
    }
  }
}
