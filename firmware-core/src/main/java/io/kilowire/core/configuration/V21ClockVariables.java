package io.kilowire.core.configuration;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;

/**
 * The station's local time zone, ClockCtrlr.TimeZone: a region ("Europe/Berlin") or a fixed offset
 * ("+01:00"). A 2.1 tariff's times of day and dates are local time; the station keeps UTC and reads
 * them in this zone, daylight saving included. Listed on a 2.1 station only, where local cost
 * calculation uses it.
 */
public final class V21ClockVariables {
  private V21ClockVariables() {}

  public static final ComponentId ID = ComponentId.of("ClockCtrlr");

  /** The zone's id as OCPP writes it; an id Java's time-zone rules do not know is refused. */
  private static final ValueType<String> ZONE =
      new ValueType<>() {
        @Override
        public DataType dataType() {
          return DataType.STRING;
        }

        @Override
        public String parse(String text) {
          ValueTypes.checkLength(text, 50);
          try {
            ZoneId.of(text);
          } catch (DateTimeException e) {
            throw new InvalidValueException(
                "not a time zone this station knows (e.g. Europe/Berlin or +01:00): '"
                    + ValueTypes.shorten(text)
                    + "'");
          }
          return text;
        }

        @Override
        public String format(String value) {
          return value;
        }

        @Override
        public BigDecimal maxLimit() {
          return BigDecimal.valueOf(50);
        }
      };

  public static final DeviceVariable<String> TIME_ZONE =
      DeviceVariable.of(ID, VariableId.of("TimeZone"), ZONE, "UTC", Key::readWrite);

  public static final List<DeviceVariable<?>> ALL = List.of(TIME_ZONE);

  /** The zone {@code value} of {@link #TIME_ZONE} names (one it accepted). */
  public static ZoneId zone(String value) {
    return ZoneId.of(value);
  }
}
