package io.kilowire.core.ocpp.v21.adapter;

import io.kilowire.core.ocpp.model.ConstraintViolation;
import io.kilowire.core.ocpp.model.OcppEnum;
import io.kilowire.core.ocpp.v201.CustomData;
import io.kilowire.core.ocpp.v201.adapter.WideTokens;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Carries a message between the 2.0.1 and 2.1 records of the same action by their shared fields, so
 * that 2.1 reuses the 2.0.1 adapter's mapping instead of copying it. Fields are matched by name,
 * recursively; enums by their wire spelling; where 2.1 turned an enum into a string (idToken type,
 * chargingLimitSource, connectorType) or an integer into a decimal (the EV's AC/DC parameters), the
 * value is converted.
 *
 * <p>What the other side has no place for is the question. {@link Mode#STRICT} refuses it (a CSMS
 * instruction the station would otherwise silently ignore, e.g. a discharge limit); {@link
 * Mode#LENIENT} drops unknown fields (the extras of a 2.1 CSMS answer, which a station may ignore).
 * A value no record can hold (an enum value 2.0.1 lacks, a required 2.0.1 field 2.1 left out) is
 * refused in both modes, except a sampled value of a measurand only 2.1 has, which a lenient reader
 * of a station's meter values leaves aside.
 */
public final class V21Translation {
  /** How to treat a field the target record has no component for. */
  public enum Mode {
    STRICT,
    LENIENT
  }

  /**
   * 2.1-only fields whose value here means what 2.0.1 does anyway (the schema's default), so a
   * strict translation may drop them: a profile that says ChargingOnly or evseSleep false asks for
   * nothing 2.0.1 lacks.
   */
  private static final Map<String, Object> DEFAULTS =
      Map.of(
          "operationMode", "ChargingOnly",
          "randomizedDelay", 0,
          "useLocalTime", false,
          "evseSleep", false,
          "invalidAfterOfflineDuration", false,
          "preconditioningRequest", false,
          "isLocalGeneration", false);

  /**
   * Fields 2.1 requires that the 2.0.1 records lack, with the value that holds for every such
   * record this station sends: each monitor it reports was set by the CSMS (it has no hard-wired or
   * preconfigured monitors), so it is a CustomMonitor.
   */
  private static final Map<Class<?>, Map<String, Object>> REQUIRED_IN_21 =
      Map.of(
          io.kilowire.core.ocpp.v21.VariableMonitoring.class,
          Map.of(
              "eventNotificationType", io.kilowire.core.ocpp.v21.EventNotification.CUSTOM_MONITOR));

  /** 2.1 trigger reasons read, leniently, as the nearest 2.0.1 one. */
  private static final Map<String, String> LENIENT_TRIGGER_REASONS =
      Map.of(
          "RunningCost", "MeterValuePeriodic",
          "TariffChanged", "MeterValuePeriodic",
          "OperationModeChanged", "ChargingRateChanged",
          "TxResumed", "ChargingStateChanged",
          // Transaction limits (E16): the limit set is news like a rate changed; a cost or SoC
          // limit reached stops the energy as 2.0.1's energy limit does.
          "LimitSet", "ChargingRateChanged",
          "CostLimitReached", "EnergyLimitReached",
          "SoCLimitReached", "EnergyLimitReached");

  /**
   * 2.1 energy transfer modes read, leniently, as the 2.0.1 one of the same supply: a CSMS that
   * reads a station's charging needs in 2.0.1 terms sees a bidirectional AC EV as an AC one.
   */
  private static final Map<String, String> LENIENT_TRANSFER_MODES =
      Map.of(
          "AC_BPT", "AC_three_phase",
          "AC_BPT_DER", "AC_three_phase",
          "AC_DER", "AC_three_phase",
          "DC_BPT", "DC",
          "DC_ACDP", "DC",
          "DC_ACDP_BPT", "DC");

  private static final ClassValue<Shape> SHAPES =
      new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
          return new Shape(type);
        }
      };

  private V21Translation() {}

  /** {@code source} as a record of {@code target}, by the rules of {@code mode}. */
  public static <T> T translate(Object source, Class<T> target, Mode mode) {
    return translate(source, target, mode, Set.of());
  }

  /**
   * As {@link #translate(Object, Class, Mode)}, but fields named in {@code carriedElsewhere} are
   * left out without complaint: the caller maps them itself (2.1's bidirectional period fields,
   * which the 2.0.1 records lack and the domain has).
   */
  public static <T> T translate(
      Object source, Class<T> target, Mode mode, Set<String> carriedElsewhere) {
    return target.cast(value(source, target, "", new Rules(mode, carriedElsewhere)));
  }

  private record Rules(Mode mode, Set<String> carriedElsewhere) {}

  private static @Nullable Object value(
      @Nullable Object v, Type targetType, String path, Rules mode) {
    if (v == null) {
      return null;
    }
    Class<?> target = raw(targetType);
    if (target == CustomData.class || target == Object.class) {
      return v; // the one open object is the same record in both versions; any JSON stays as is
    }
    if (target == List.class) {
      Type item = ((ParameterizedType) targetType).getActualTypeArguments()[0];
      List<?> source = (List<?>) v;
      List<Object> out = new ArrayList<>(source.size());
      boolean lenientSamples =
          mode.mode() == Mode.LENIENT && raw(item) == io.kilowire.core.ocpp.v201.SampledValue.class;
      for (int i = 0; i < source.size(); i++) {
        try {
          out.add(value(source.get(i), item, path + "[" + i + "]", mode));
        } catch (Untranslatable u) {
          if (!lenientSamples) {
            throw u;
          }
          // A value of a measurand only 2.1 has (EnergyRequest.Target, ...): a reader that
          // takes a station's report leniently leaves it aside and reads the rest.
        }
      }
      return out;
    }
    if (target.isRecord()) {
      return record(v, target, path, mode);
    }
    if (target.isEnum()) {
      return enumValue(v, target, path, mode);
    }
    if (target == String.class) {
      return v instanceof OcppEnum e ? e.value() : v;
    }
    if (target == BigDecimal.class && v instanceof Integer i) {
      return BigDecimal.valueOf(i);
    }
    if (target == Integer.class && v instanceof BigDecimal d) {
      try {
        return d.intValueExact();
      } catch (ArithmeticException e) {
        throw new Untranslatable(
            path, d.toPlainString() + " is not a whole number, as 2.0.1 needs");
      }
    }
    return v; // Instant, Boolean, Integer, BigDecimal, String: the same in both
  }

  private static Object record(Object v, Class<?> target, String path, Rules mode) {
    // 2.1's longer tokens and open token types ride the 2.0.1 records carried (WideTokens).
    if (v instanceof io.kilowire.core.ocpp.v21.IdToken token
        && target == io.kilowire.core.ocpp.v201.IdToken.class) {
      io.kilowire.core.ocpp.v201.IdToken carried = WideTokens.record(token.idToken(), token.type());
      if (WideTokens.carries(carried)) {
        token =
            new io.kilowire.core.ocpp.v21.IdToken(
                token.additionalInfo(),
                carried.idToken(),
                carried.type().value(),
                carried.customData());
      }
      return fields(token, target, path, mode);
    }
    Object built = fields(v, target, path, mode);
    if (v instanceof io.kilowire.core.ocpp.v201.IdToken carrier
        && WideTokens.carries(carrier)
        && built instanceof io.kilowire.core.ocpp.v21.IdToken token) {
      return new io.kilowire.core.ocpp.v21.IdToken(
          token.additionalInfo(), WideTokens.value(carrier), WideTokens.wireType(carrier), null);
    }
    return built;
  }

  private static Object fields(Object v, Class<?> target, String path, Rules mode) {
    Shape from = SHAPES.get(v.getClass());
    Shape to = SHAPES.get(target);
    Map<String, Object> values = from.values(v);
    REQUIRED_IN_21.getOrDefault(target, Map.of()).forEach(values::putIfAbsent);
    Object[] args = new Object[to.components.length];
    for (int i = 0; i < args.length; i++) {
      RecordComponent c = to.components[i];
      args[i] = value(values.remove(c.getName()), c.getGenericType(), at(path, c.getName()), mode);
    }
    if (mode.mode() == Mode.STRICT) {
      for (Map.Entry<String, Object> left : values.entrySet()) {
        Object value = left.getValue();
        if (value != null
            && !isDefault(left.getKey(), value)
            && !mode.carriedElsewhere().contains(left.getKey())) {
          throw new Untranslatable(
              at(path, left.getKey()), "has no counterpart in " + version(target));
        }
      }
    }
    try {
      return to.constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof ConstraintViolation cv) {
        throw new Untranslatable(at(path, cv.path()), cv.problem() + " in " + version(target));
      }
      throw new IllegalStateException("cannot build " + target.getSimpleName(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + target.getSimpleName(), e);
    }
  }

  private static Object enumValue(Object v, Class<?> target, String path, Rules mode) {
    String wire = v instanceof OcppEnum e ? e.value() : v.toString();
    if (mode.mode() == Mode.LENIENT && target == io.kilowire.core.ocpp.v201.TriggerReason.class) {
      // A CSMS reading a station's report leniently takes 2.1's running-cost and tariff updates
      // for the periodic updates they are in 2.0.1 terms.
      wire = LENIENT_TRIGGER_REASONS.getOrDefault(wire, wire);
    }
    if (mode.mode() == Mode.LENIENT
        && target == io.kilowire.core.ocpp.v201.EnergyTransferMode.class) {
      wire = LENIENT_TRANSFER_MODES.getOrDefault(wire, wire);
    }
    for (Object constant : target.getEnumConstants()) {
      if (((OcppEnum) constant).value().equals(wire)) {
        return constant;
      }
    }
    throw new Untranslatable(path, "value " + wire + " has no counterpart in " + version(target));
  }

  private static boolean isDefault(String field, Object value) {
    Object neutral = DEFAULTS.get(field);
    String spelled = value instanceof OcppEnum e ? e.value() : value.toString();
    return neutral != null && neutral.toString().equals(spelled);
  }

  private static String version(Class<?> type) {
    return type.getPackageName().endsWith(".v21") ? "OCPP 2.1" : "OCPP 2.0.1";
  }

  private static String at(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  private static Class<?> raw(Type type) {
    return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
  }

  /** A record type's components and canonical constructor, found once per type. */
  private static final class Shape {
    final RecordComponent[] components;
    final Constructor<?> constructor;

    Shape(Class<?> type) {
      if (!type.isRecord()) {
        throw new IllegalArgumentException(type.getName() + " is not a message record");
      }
      components = type.getRecordComponents();
      Class<?>[] parameters = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        parameters[i] = components[i].getType();
      }
      try {
        constructor = type.getDeclaredConstructor(parameters);
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException("a record always has its canonical constructor", e);
      }
    }

    /** The component values by name, in declaration order. */
    Map<String, Object> values(Object record) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (RecordComponent c : components) {
        try {
          out.put(c.getName(), c.getAccessor().invoke(record));
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("cannot read " + c, e);
        }
      }
      return out;
    }
  }
}
