package io.kilowire.core.tariff;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A tariff in the station's snapshots: field by field, absent values marked. */
final class TariffFormat {
  private TariffFormat() {}

  static void write(DataOutput out, Tariff t) throws IOException {
    out.writeUTF(t.id());
    out.writeUTF(t.currency());
    writeNullable(out, t.validFrom() == null ? null : t.validFrom().toString());
    out.writeInt(t.description().size());
    for (Tariff.Description d : t.description()) {
      writeNullable(out, d.language());
      out.writeUTF(d.text());
    }
    for (TariffComponent c :
        new TariffComponent[] {t.energy(), t.chargingTime(), t.idleTime(), t.fixedFee()}) {
      out.writeBoolean(c != null);
      if (c != null) {
        writeComponent(out, c);
      }
    }
    writePrice(out, t.minCost());
    writePrice(out, t.maxCost());
  }

  static Tariff read(DataInput in) throws IOException {
    String id = in.readUTF();
    String currency = in.readUTF();
    String validFrom = readNullable(in);
    int descriptions = in.readInt();
    List<Tariff.Description> description = new ArrayList<>();
    for (int i = 0; i < descriptions; i++) {
      description.add(new Tariff.Description(readNullable(in), in.readUTF()));
    }
    TariffComponent[] components = new TariffComponent[4];
    for (int i = 0; i < 4; i++) {
      components[i] = in.readBoolean() ? readComponent(in) : null;
    }
    return new Tariff(
        id,
        currency,
        validFrom == null ? null : Instant.parse(validFrom),
        description,
        components[0],
        components[1],
        components[2],
        components[3],
        readPrice(in),
        readPrice(in));
  }

  private static void writeComponent(DataOutput out, TariffComponent c) throws IOException {
    out.writeInt(c.prices().size());
    for (PriceElement p : c.prices()) {
      out.writeUTF(p.price().toString());
      writeConditions(out, p.conditions());
    }
    out.writeInt(c.taxRates().size());
    for (TaxRate r : c.taxRates()) {
      out.writeUTF(r.type());
      out.writeUTF(r.percent().toString());
      out.writeInt(r.stack());
    }
  }

  private static TariffComponent readComponent(DataInput in) throws IOException {
    int count = in.readInt();
    List<PriceElement> prices = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      prices.add(new PriceElement(new BigDecimal(in.readUTF()), readConditions(in)));
    }
    int rates = in.readInt();
    List<TaxRate> taxRates = new ArrayList<>();
    for (int i = 0; i < rates; i++) {
      taxRates.add(new TaxRate(in.readUTF(), new BigDecimal(in.readUTF()), in.readInt()));
    }
    return new TariffComponent(prices, taxRates);
  }

  private static void writeConditions(DataOutput out, Conditions c) throws IOException {
    writeNullable(out, c.startTimeOfDay() == null ? null : c.startTimeOfDay().toString());
    writeNullable(out, c.endTimeOfDay() == null ? null : c.endTimeOfDay().toString());
    int days = 0;
    for (DayOfWeek d : c.daysOfWeek()) {
      days |= 1 << d.ordinal();
    }
    out.writeByte(days);
    writeNullable(out, c.validFromDate() == null ? null : c.validFromDate().toString());
    writeNullable(out, c.validToDate() == null ? null : c.validToDate().toString());
    writeNullable(out, c.evseKind() == null ? null : c.evseKind().name());
    for (BigDecimal v :
        new BigDecimal[] {
          c.minEnergyWh(),
          c.maxEnergyWh(),
          c.minCurrentA(),
          c.maxCurrentA(),
          c.minPowerW(),
          c.maxPowerW()
        }) {
      writeNullable(out, v == null ? null : v.toString());
    }
    for (Integer v :
        new Integer[] {
          c.minTimeS(),
          c.maxTimeS(),
          c.minChargingTimeS(),
          c.maxChargingTimeS(),
          c.minIdleTimeS(),
          c.maxIdleTimeS()
        }) {
      writeNullable(out, v == null ? null : v.toString());
    }
    writeNullable(out, c.paymentBrand());
    writeNullable(out, c.paymentRecognition());
  }

  private static Conditions readConditions(DataInput in) throws IOException {
    String start = readNullable(in);
    String end = readNullable(in);
    int days = in.readByte();
    Set<DayOfWeek> daysOfWeek = EnumSet.noneOf(DayOfWeek.class);
    for (DayOfWeek d : DayOfWeek.values()) {
      if ((days & (1 << d.ordinal())) != 0) {
        daysOfWeek.add(d);
      }
    }
    String from = readNullable(in);
    String to = readNullable(in);
    String kind = readNullable(in);
    BigDecimal[] amounts = new BigDecimal[6];
    for (int i = 0; i < 6; i++) {
      String v = readNullable(in);
      amounts[i] = v == null ? null : new BigDecimal(v);
    }
    Integer[] seconds = new Integer[6];
    for (int i = 0; i < 6; i++) {
      String v = readNullable(in);
      seconds[i] = v == null ? null : Integer.valueOf(v);
    }
    return new Conditions(
        start == null ? null : LocalTime.parse(start),
        end == null ? null : LocalTime.parse(end),
        daysOfWeek,
        from == null ? null : LocalDate.parse(from),
        to == null ? null : LocalDate.parse(to),
        kind == null ? null : Conditions.EvseKind.valueOf(kind),
        amounts[0],
        amounts[1],
        amounts[2],
        amounts[3],
        amounts[4],
        amounts[5],
        seconds[0],
        seconds[1],
        seconds[2],
        seconds[3],
        seconds[4],
        seconds[5],
        readNullable(in),
        readNullable(in));
  }

  private static void writePrice(DataOutput out, @Nullable Price p) throws IOException {
    out.writeBoolean(p != null);
    if (p != null) {
      writeNullable(out, p.exclTax() == null ? null : p.exclTax().toString());
      writeNullable(out, p.inclTax() == null ? null : p.inclTax().toString());
    }
  }

  private static @Nullable Price readPrice(DataInput in) throws IOException {
    if (!in.readBoolean()) {
      return null;
    }
    String excl = readNullable(in);
    String incl = readNullable(in);
    return new Price(
        excl == null ? null : new BigDecimal(excl), incl == null ? null : new BigDecimal(incl));
  }

  static void writeNullable(DataOutput out, @Nullable String value) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeUTF(value);
    }
  }

  static @Nullable String readNullable(DataInput in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }
}
