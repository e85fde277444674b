package io.kilowire.core.bench;

import io.kilowire.core.ocpp.v201.adapter.V201SmartChargingMapping;
import io.kilowire.core.smartcharging.ActiveTransaction;
import io.kilowire.core.smartcharging.ChargingProfile;
import io.kilowire.core.smartcharging.ChargingSchedule;
import io.kilowire.core.smartcharging.CompositeSchedule;
import io.kilowire.core.smartcharging.CompositeScheduler;
import io.kilowire.core.smartcharging.ProfileKind;
import io.kilowire.core.smartcharging.ProfilePurpose;
import io.kilowire.core.smartcharging.ProfileStore;
import io.kilowire.core.smartcharging.ProfileValidator;
import io.kilowire.core.smartcharging.RateUnit;
import io.kilowire.core.smartcharging.Recurrency;
import io.kilowire.core.smartcharging.SchedulePeriod;
import io.kilowire.core.smartcharging.SmartChargingLimits;
import io.kilowire.core.smartcharging.ValidationResult;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Smart-charging hot paths: a 24 h composite over 10 profiles of 48 periods each (recurring
 * included), and validating + installing one profile into a store that already holds nine.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SmartChargingBenchmark {
  private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");

  private final SmartChargingLimits limits =
      SmartChargingLimits.defaults(2, BigDecimal.valueOf(32))
          .withMaxPeriods(48)
          .withMaxInstalled(24)
          .withMaxStackLevel(16);
  private final CompositeScheduler scheduler = new CompositeScheduler(limits);
  private final ProfileValidator validator = new ProfileValidator(limits);
  private List<ChargingProfile> profiles;
  private ProfileStore nine;
  private ChargingProfile tenth;
  private Map<Integer, ActiveTransaction> transactions;

  @Setup
  public void setUp() {
    Random random = new Random(42);
    profiles = new ArrayList<>();
    ProfilePurpose[] purposes = {
      ProfilePurpose.CHARGING_STATION_MAX, ProfilePurpose.TX_DEFAULT, ProfilePurpose.TX_DEFAULT,
      ProfilePurpose.TX
    };
    for (int i = 0; i < 10; i++) {
      ProfilePurpose purpose = purposes[i % purposes.length];
      boolean recurring = i % 2 == 0;
      List<SchedulePeriod> periods = new ArrayList<>();
      for (int p = 0; p < 48; p++) {
        periods.add(
            new SchedulePeriod(p * 1800, BigDecimal.valueOf(6 + random.nextInt(26)), null, null));
      }
      ChargingProfile.Builder b =
          ChargingProfile.builder(i + 1, purpose)
              .stackLevel(i)
              .evseId(purpose == ProfilePurpose.CHARGING_STATION_MAX ? 0 : 1)
              .kind(recurring ? ProfileKind.RECURRING : ProfileKind.ABSOLUTE)
              .schedule(
                  new ChargingSchedule(
                      1,
                      NOW.minusSeconds(3600L * (1 + i)),
                      86_400,
                      RateUnit.A,
                      periods,
                      null));
      if (recurring) {
        b.recurrency(Recurrency.DAILY);
      }
      if (purpose == ProfilePurpose.TX) {
        b.transactionId("tx-1");
      }
      profiles.add(b.build());
    }
    transactions = Map.of(1, new ActiveTransaction("tx-1", NOW.minusSeconds(600)));
    nine = new ProfileStore();
    for (ChargingProfile p : profiles.subList(0, 9)) {
      nine.install(p, V201SmartChargingMapping.PROFILE_RULES);
    }
    tenth = profiles.get(9);
  }

  /** The 24 h composite of EVSE 1 over all ten profiles. */
  @Benchmark
  public CompositeSchedule composite24h() {
    return scheduler.composite(profiles, transactions, 1, NOW, 86_400, RateUnit.A);
  }

  /** Validate the tenth profile against nine installed, install it, and take it out again. */
  @Benchmark
  public ValidationResult validateAndInstall() {
    ValidationResult result = validator.validate(tenth, V201SmartChargingMapping.PROFILE_RULES, nine, transactions);
    nine.install(result.acceptedProfile(), V201SmartChargingMapping.PROFILE_RULES);
    nine.remove(tenth.id());
    return result;
  }
}
