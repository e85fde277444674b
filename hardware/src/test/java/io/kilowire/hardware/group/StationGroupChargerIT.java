package io.kilowire.hardware.group;

import static org.awaitility.Awaitility.await;

import io.kilowire.core.loadmanagement.group.MemberState;
import io.kilowire.core.metering.MeterReading;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.runtime.StationRuntime;
import io.kilowire.core.station.StationHardware;
import io.kilowire.core.testing.FakeHardware;
import io.kilowire.core.testing.TestCsms;
import io.kilowire.core.transport.TransportConfig;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** A group member's limit reaches a real station (in memory, against a local CSMS). */
class StationGroupChargerIT {
  @Test
  void theMembersLimitBecomesTheStationsLocalLimitAndTheDemandIsReadOnItsThread() {
    try (TestCsms csms = TestCsms.start(OcppVersion.V16)) {
      TransportConfig config =
          TransportConfig.builder()
              .csmsUrl(csms.uri())
              .stationId("KW-GROUP-1")
              .ocppVersions(OcppVersion.V16)
              .securityProfile(0)
              .retryBackOff(Duration.ofMillis(200), Duration.ofMillis(100), 0)
              .build();
      LazyHardware hardware = new LazyHardware();
      try (StationRuntime runtime = StationRuntime.builder(config, hardware).build()) {
        hardware.fake = new FakeHardware(runtime.scheduler());
        runtime.start();
        StationGroupCharger charger = new StationGroupCharger(runtime, 1, 32);

        charger.limit(10, MemberState.FOLLOWING);
        charger.controllerHeard();
        await()
            .atMost(Duration.ofSeconds(5))
            .until(() -> Double.valueOf(10).equals(localLimit(runtime)));
        charger.limit(0, MemberState.LAPSING);
        await()
            .atMost(Duration.ofSeconds(5))
            .until(() -> Double.valueOf(0).equals(localLimit(runtime)));

        charger.demand();
        await()
            .atMost(Duration.ofSeconds(5))
            .until(() -> charger.demand().equals(new GroupCharger.Demand(false, 0, 0)));
      }
    }
  }

  private static @Nullable Double localLimit(StationRuntime runtime) {
    Double[] out = new Double[1];
    runtime.call(() -> out[0] = runtime.station().localLimit(1));
    return out[0];
  }

  /** The fake needs the runtime's scheduler, which exists only once the runtime is built. */
  private static final class LazyHardware implements StationHardware {
    volatile @Nullable FakeHardware fake;

    private FakeHardware fake() {
      FakeHardware f = fake;
      if (f == null) {
        throw new IllegalStateException("hardware not ready");
      }
      return f;
    }

    @Override
    public MeterReading read(int evse) {
      return fake().read(evse);
    }

    @Override
    public void offerEnergy(int evse, boolean on) {
      fake().offerEnergy(evse, on);
    }

    @Override
    public boolean unlock(int evse) {
      return fake().unlock(evse);
    }
  }
}
