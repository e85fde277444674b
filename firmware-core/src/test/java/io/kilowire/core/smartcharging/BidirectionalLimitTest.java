package io.kilowire.core.smartcharging;

import static io.kilowire.core.smartcharging.Profiles.T0;
import static io.kilowire.core.smartcharging.Profiles.d;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Engine vectors for OCPP 2.1 bidirectional transfer: profiles in, the range in force on EVSE 1 out
 * (charge limit, discharge limit, setpoint, mode). Two EVSEs of 32 A at 230 V, three phases: the
 * hardware allows 22080 W each way.
 */
@DisplayName("Bidirectional limits (2.1): charge, discharge and setpoint from the profiles")
class BidirectionalLimitTest {
  private static final CompositeScheduler SCHEDULER =
      new CompositeScheduler(SmartChargingLimits.defaults(2, d(32)));
  private static final Instant NOW = T0.plusSeconds(60);
  private static final Map<Integer, ActiveTransaction> TX_ON_1 =
      Map.of(1, new ActiveTransaction("tx-1", T0));

  /** One vector: its name, the profiles, the unit asked for, and the expected range. */
  record Vector(
      String name,
      List<ChargingProfile> profiles,
      RateUnit unit,
      String charge,
      String discharge,
      @Nullable String setpoint,
      OperationMode mode) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** An Absolute profile from T0 with one period, in W unless {@code unit} says otherwise. */
  private static ChargingProfile profile(
      int id,
      ProfilePurpose purpose,
      int evse,
      RateUnit unit,
      long limit,
      @Nullable Long dischargeLimit,
      @Nullable Long setpoint,
      @Nullable OperationMode mode) {
    SchedulePeriod period =
        SchedulePeriod.of(0, d(limit), 3)
            .bidirectional(
                dischargeLimit == null ? null : d(dischargeLimit),
                setpoint == null ? null : d(setpoint),
                mode);
    ChargingProfile.Builder b =
        ChargingProfile.builder(id, purpose)
            .evseId(evse)
            .stackLevel(0)
            .kind(ProfileKind.ABSOLUTE)
            .schedule(ChargingSchedule.of(unit, List.of(period)).withStart(T0));
    if (purpose == ProfilePurpose.TX) {
      b.transactionId("tx-1");
    }
    return b.build();
  }

  private static ChargingProfile txDefault(
      long limit,
      @Nullable Long dischargeLimit,
      @Nullable Long setpoint,
      @Nullable OperationMode mode) {
    return profile(
        1, ProfilePurpose.TX_DEFAULT, 1, RateUnit.W, limit, dischargeLimit, setpoint, mode);
  }

  private static ChargingProfile stationMax(long limit, @Nullable Long dischargeLimit) {
    return profile(
        9, ProfilePurpose.CHARGING_STATION_MAX, 0, RateUnit.W, limit, dischargeLimit, null, null);
  }

  static Stream<Vector> vectors() {
    OperationMode central = OperationMode.CENTRAL_SETPOINT;
    return Stream.of(
        new Vector(
            "no profile: the hardware, charging only",
            List.of(),
            RateUnit.W,
            "22080",
            "0",
            null,
            OperationMode.CHARGING_ONLY),
        new Vector(
            "ChargingOnly ignores a discharge limit",
            List.of(txDefault(11000, -5000L, null, OperationMode.CHARGING_ONLY)),
            RateUnit.W,
            "11000",
            "0",
            null,
            OperationMode.CHARGING_ONLY),
        new Vector(
            "an absent mode is ChargingOnly",
            List.of(txDefault(11000, -5000L, null, null)),
            RateUnit.W,
            "11000",
            "0",
            null,
            OperationMode.CHARGING_ONLY),
        new Vector(
            "CentralSetpoint discharging at its setpoint",
            List.of(txDefault(11000, -7000L, -5000L, central)),
            RateUnit.W,
            "11000",
            "-7000",
            "-5000",
            central),
        new Vector(
            "a setpoint beyond the discharge limit is held at it",
            List.of(txDefault(11000, -7000L, -9000L, central)),
            RateUnit.W,
            "11000",
            "-7000",
            "-7000",
            central),
        new Vector(
            "a mode that may discharge without a discharge limit does not discharge",
            List.of(txDefault(11000, null, -3000L, central)),
            RateUnit.W,
            "11000",
            "0",
            "0",
            central),
        new Vector(
            "the station maximum's discharge limit caps discharging",
            List.of(
                txDefault(11000, -7000L, null, OperationMode.EXTERNAL_LIMITS),
                stationMax(16000, -3000L)),
            RateUnit.W,
            "11000",
            "-3000",
            null,
            OperationMode.EXTERNAL_LIMITS),
        new Vector(
            "a station maximum without one limits charging only",
            List.of(
                txDefault(11000, -7000L, null, OperationMode.EXTERNAL_LIMITS),
                stationMax(8000, null)),
            RateUnit.W,
            "8000",
            "-7000",
            null,
            OperationMode.EXTERNAL_LIMITS),
        new Vector(
            "a positive setpoint above a capped charge limit is held at it",
            List.of(txDefault(11000, -7000L, 9000L, central), stationMax(5000, null)),
            RateUnit.W,
            "5000",
            "-7000",
            "5000",
            central),
        new Vector(
            "discharging never beyond the hardware",
            List.of(txDefault(11000, -30000L, null, OperationMode.LOCAL_LOAD_BALANCING)),
            RateUnit.W,
            "11000",
            "-22080",
            null,
            OperationMode.LOCAL_LOAD_BALANCING),
        new Vector(
            "the TxProfile outranks the TxDefaultProfile, mode and all",
            List.of(
                txDefault(11000, -7000L, null, OperationMode.EXTERNAL_LIMITS),
                profile(2, ProfilePurpose.TX, 1, RateUnit.W, 7000, -4000L, 2000L, central)),
            RateUnit.W,
            "7000",
            "-4000",
            "2000",
            central),
        new Vector(
            "Idle transfers nothing either way",
            List.of(txDefault(11000, -7000L, -5000L, OperationMode.IDLE)),
            RateUnit.W,
            "0",
            "0",
            null,
            OperationMode.IDLE),
        new Vector(
            "amps per phase asked in watts: -10 A x 230 V x 3",
            List.of(profile(1, ProfilePurpose.TX_DEFAULT, 1, RateUnit.A, 16, -10L, -8L, central)),
            RateUnit.W,
            "11040",
            "-6900",
            "-5520",
            central),
        new Vector(
            "watts asked in amps, cut toward zero: -5000 W / 690 V = -7.24 A",
            List.of(txDefault(11000, -5000L, -5000L, central)),
            RateUnit.A,
            "15.9",
            "-7.2",
            "-7.2",
            central));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void theRangeInForceOnEvse1(Vector v) {
    BidirectionalLimit l = SCHEDULER.bidirectional(v.profiles(), TX_ON_1, 1, NOW, v.unit());

    assertThat(l.charge()).as("charge").isEqualByComparingTo(new BigDecimal(v.charge()));
    assertThat(l.discharge()).as("discharge").isEqualByComparingTo(new BigDecimal(v.discharge()));
    if (v.setpoint() == null) {
      assertThat(l.setpoint()).as("setpoint").isNull();
    } else {
      assertThat(l.setpoint()).as("setpoint").isEqualByComparingTo(new BigDecimal(v.setpoint()));
    }
    assertThat(l.mode()).isEqualTo(v.mode());
    assertThat(l.unit()).isEqualTo(v.unit());
  }

  @org.junit.jupiter.api.Test
  @DisplayName("the station's discharge limit is the smallest a station-wide cap gives, in A too")
  void theStationDischargeLimitToShare() {
    ChargingProfile external =
        profile(
            8,
            ProfilePurpose.CHARGING_STATION_EXTERNAL_CONSTRAINTS,
            0,
            RateUnit.W,
            40000,
            -6900L,
            null,
            null);
    List<ChargingProfile> profiles = List.of(stationMax(40000, -13800L), external);

    StationDischarge watts = SCHEDULER.stationDischarge(profiles, TX_ON_1, NOW, RateUnit.W);
    StationDischarge amps = SCHEDULER.stationDischarge(profiles, TX_ON_1, NOW, RateUnit.A);

    assertThat(watts.limit()).isEqualByComparingTo("6900");
    assertThat(amps.limit()).isEqualByComparingTo("10"); // 6900 W on 3 phases at 230 V
    assertThat(
            SCHEDULER
                .stationDischarge(List.of(stationMax(40000, null)), TX_ON_1, NOW, RateUnit.W)
                .limit())
        .as("a cap without a dischargeLimit limits charging only")
        .isNull();
  }

  @org.junit.jupiter.api.Test
  @DisplayName("a setpoint that changes where the limit does not is a change all the same")
  void theNextPeriodChangeIncludesSetpointChanges() {
    ChargingProfile twoSetpoints =
        ChargingProfile.builder(1, ProfilePurpose.TX_DEFAULT)
            .evseId(1)
            .stackLevel(0)
            .kind(ProfileKind.ABSOLUTE)
            .schedule(
                ChargingSchedule.of(
                        RateUnit.W,
                        List.of(
                            SchedulePeriod.of(0, d(11000), 3)
                                .bidirectional(d(-7000), d(3000), OperationMode.CENTRAL_SETPOINT),
                            SchedulePeriod.of(600, d(11000), 3)
                                .bidirectional(d(-7000), d(-5000), OperationMode.CENTRAL_SETPOINT)))
                    .withStart(T0))
            .build();

    StationDischarge d =
        SCHEDULER.stationDischarge(List.of(twoSetpoints), TX_ON_1, NOW, RateUnit.W);

    assertThat(d.nextChange()).isEqualTo(T0.plusSeconds(600));
    assertThat(d.limit()).isNull();
  }
}
