package io.kilowire.core.station.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.configuration.ComponentId;
import io.kilowire.core.configuration.VariableId;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.json.JsonFrameCodec;
import io.kilowire.core.ocpp.v201.EventData;
import io.kilowire.core.ocpp.v201.adapter.V201Gateway;
import io.kilowire.core.scheduling.VirtualScheduler;
import io.kilowire.core.station.SessionHolder;
import io.kilowire.core.station.StationContext;
import io.kilowire.core.station.StationIdentity;
import io.kilowire.core.station.StationParameters;
import io.kilowire.core.station.monitoring.Monitoring.SetMonitor;
import io.kilowire.core.station.monitoring.Monitoring.SetStatus;
import io.kilowire.core.store.MemorySnapshotStore;
import io.kilowire.core.testing.FakeHardware;
import io.kilowire.core.testing.ScriptedCsms;
import io.kilowire.core.testing.StationScenario;
import io.kilowire.core.testing.VirtualLink;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The monitoring room alone, in virtual time: its variables a map the test changes, its events
 * through a real 2.0.1 gateway to a scripted CSMS over a virtual link.
 */
class MonitoringTest {
  private static final ComponentId EVSE = ComponentId.evse(1);
  private static final VariableId POWER = new VariableId("Power", null);
  private static final VariableId STATE = new VariableId("AvailabilityState", null);
  private static final ComponentId SECRET_HOLDER = ComponentId.of("SecurityCtrlr");
  private static final VariableId SECRET = new VariableId("BasicAuthPassword", null);

  private final VirtualScheduler clock = new VirtualScheduler(StationScenario.T0);
  private final ScriptedCsms csms = new ScriptedCsms(clock, OcppVersion.V201);
  private final VirtualLink link =
      new VirtualLink(clock, OcppVersion.V201, StationScenario.LATENCY)
          .csmsHandlers(csms::register);
  private final SessionHolder session = new SessionHolder();
  private final MemorySnapshotStore snapshots = new MemorySnapshotStore();
  private final Map<String, String> values =
      new HashMap<>(Map.of("Power", "0", "AvailabilityState", "Available"));
  private boolean registered;
  private boolean transaction;
  private int offlineSeverity;
  private Monitoring monitoring = room();

  private final class Variables implements MonitoredVariables {
    @Override
    public boolean hasComponent(ComponentId component) {
      return component.equals(EVSE) || component.equals(SECRET_HOLDER);
    }

    @Override
    public boolean hasVariable(ComponentId component, VariableId variable) {
      return component.equals(EVSE)
          ? variable.equals(POWER) || variable.equals(STATE)
          : variable.equals(SECRET);
    }

    @Override
    public List<VariableId> variables(ComponentId component) {
      return component.equals(EVSE) ? List.of(POWER, STATE) : List.of(SECRET);
    }

    @Override
    public boolean numeric(ComponentId component, VariableId variable) {
      return variable.equals(POWER);
    }

    @Override
    public @Nullable BigDecimal minLimit(ComponentId component, VariableId variable) {
      return variable.equals(POWER) ? BigDecimal.ZERO : null;
    }

    @Override
    public @Nullable BigDecimal maxLimit(ComponentId component, VariableId variable) {
      return variable.equals(POWER) ? BigDecimal.valueOf(22_080) : null;
    }

    @Override
    public @Nullable String actual(ComponentId component, VariableId variable) {
      return variable.equals(SECRET) ? null : values.get(variable.name());
    }
  }

  private Monitoring room() {
    Monitoring room =
        new Monitoring(
            new StationContext(
                1,
                StationParameters.Fixed.defaults(),
                clock,
                new V201Gateway(
                    session, new JsonFrameCodec(), new StationIdentity("K", "M", "S", "1")),
                new FakeHardware(clock),
                () -> registered,
                () -> registered),
            snapshots,
            () -> transaction,
            () -> offlineSeverity);
    room.start();
    room.watch(new Variables());
    return room;
  }

  private void register() {
    session.attach(link.connect());
    registered = true;
    monitoring.registered();
    clock.advance(Duration.ofMillis(100));
  }

  private void offline() {
    registered = false;
    session.detach();
    monitoring.connectionLost();
  }

  private Monitoring.SetOutcome set(
      @Nullable Integer id, VariableId variable, MonitorType type, String value, int severity) {
    return monitoring.set(
        new SetMonitor(id, EVSE, variable, type, new BigDecimal(value), severity, false));
  }

  private void power(int watts) {
    values.put("Power", Integer.toString(watts));
    clock.advance(Duration.ofSeconds(2));
  }

  private List<EventData> events() {
    return csms.notifyEvents().stream().filter(e -> e.variableMonitoringId() != null).toList();
  }

  @Test
  void anUpperThresholdRaisesAnAlertWhenExceededAndClearsWhenBackWithin() {
    register();
    int id = set(null, POWER, MonitorType.UPPER_THRESHOLD, "7000", 4).id();

    power(7000);
    assertThat(events()).as("on the threshold is not above it").isEmpty();
    power(7400);
    power(7600);
    power(3000);

    assertThat(events())
        .extracting(
            e -> e.trigger().value(),
            EventData::actualValue,
            EventData::cleared,
            EventData::variableMonitoringId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Alerting", "7400", null, id),
            org.assertj.core.groups.Tuple.tuple("Alerting", "3000", true, id));
    assertThat(events().get(0).component().name()).isEqualTo("EVSE");
    assertThat(events().get(0).variable().name()).isEqualTo("Power");
    assertThat(events().get(0).eventNotificationType().value()).isEqualTo("CustomMonitor");
  }

  @Test
  void deltasTripOnAChangeBeyondTheirValueOrOnAnyChangeOfANonNumericVariable() {
    register();
    set(null, POWER, MonitorType.DELTA, "500", 5);
    set(null, STATE, MonitorType.DELTA, "1", 5);

    power(400);
    power(900); // 900 from 0
    power(1100); // 200 from 900
    values.put("AvailabilityState", "Occupied");
    clock.advance(Duration.ofSeconds(2));

    assertThat(events())
        .extracting(e -> e.trigger().value() + " " + e.variable().name() + " " + e.actualValue())
        .containsExactly("Delta Power 900", "Delta AvailabilityState Occupied");
  }

  @Test
  void periodicMonitorsReportOnTheirIntervalAndClockAlignedOnesOnTheClock() {
    register();
    clock.advance(Duration.ofSeconds(100)); // 00:01:40
    set(null, POWER, MonitorType.PERIODIC, "60", 6);
    set(null, STATE, MonitorType.PERIODIC_CLOCK_ALIGNED, "900", 6);

    clock.advance(Duration.ofMinutes(20).plusSeconds(1));

    List<String> at =
        events().stream()
            .map(e -> e.variable().name() + "@" + e.timestamp().toString().substring(11, 19))
            .toList();
    assertThat(at).filteredOn(s -> s.startsWith("Power")).hasSize(20);
    assertThat(at)
        .filteredOn(s -> s.startsWith("AvailabilityState"))
        .containsExactly("AvailabilityState@00:15:00");
    assertThat(events()).allMatch(e -> e.trigger().value().equals("Periodic"));
  }

  @Test
  void theLevelHoldsBackLessSevereEvents() {
    register();
    set(null, POWER, MonitorType.UPPER_THRESHOLD, "100", 7);
    assertThat(monitoring.setLevel(5)).isTrue();
    assertThat(monitoring.setLevel(10)).isFalse();
    power(200);
    assertThat(events()).isEmpty();

    assertThat(monitoring.setLevel(7)).isTrue();
    power(50);
    assertThat(events()).extracting(EventData::cleared).containsExactly(true);
  }

  @Test
  void offlineOnlyEventsUpToTheQueuingSeverityWaitForTheConnection() {
    offlineSeverity = 3;
    set(null, POWER, MonitorType.UPPER_THRESHOLD, "100", 2);
    set(null, POWER, MonitorType.LOWER_THRESHOLD, "50", 8);
    register();
    offline();

    power(200); // severity 2: queued
    power(10); // the upper clears (queued), the lower trips (severity 8: dropped)
    assertThat(monitoring.pendingEvents()).hasSize(2);

    register();
    assertThat(events())
        .extracting(e -> e.actualValue() + ":" + e.cleared())
        .containsExactly("200:null", "10:true");
  }

  @Test
  void requestsAreCheckedAsN04Asks() {
    assertThat(
            monitoring
                .set(
                    new SetMonitor(
                        null,
                        ComponentId.of("Nope"),
                        POWER,
                        MonitorType.DELTA,
                        BigDecimal.ONE,
                        1,
                        false))
                .status())
        .isEqualTo(SetStatus.UNKNOWN_COMPONENT);
    assertThat(set(null, new VariableId("Nope", null), MonitorType.DELTA, "1", 1).status())
        .isEqualTo(SetStatus.UNKNOWN_VARIABLE);
    assertThat(set(null, STATE, MonitorType.UPPER_THRESHOLD, "1", 1).status())
        .isEqualTo(SetStatus.UNSUPPORTED_MONITOR_TYPE);
    assertThat(set(null, POWER, MonitorType.UPPER_THRESHOLD, "99999", 1).status())
        .isEqualTo(SetStatus.REJECTED);
    assertThat(set(null, POWER, MonitorType.DELTA, "-1", 1).status()).isEqualTo(SetStatus.REJECTED);
    assertThat(set(77, POWER, MonitorType.DELTA, "1", 1).status()).isEqualTo(SetStatus.REJECTED);

    int id = set(null, POWER, MonitorType.UPPER_THRESHOLD, "100", 4).id();
    assertThat(set(null, POWER, MonitorType.UPPER_THRESHOLD, "200", 4).status())
        .isEqualTo(SetStatus.DUPLICATE);
    assertThat(set(id, STATE, MonitorType.DELTA, "1", 4).status())
        .as("a monitor cannot move to another variable")
        .isEqualTo(SetStatus.REJECTED);
    Monitoring.SetOutcome replaced = set(id, POWER, MonitorType.UPPER_THRESHOLD, "300", 4);
    assertThat(replaced.status()).isEqualTo(SetStatus.ACCEPTED);
    assertThat(replaced.id()).isEqualTo(id);
    assertThat(monitoring.monitors())
        .singleElement()
        .extracting(m -> m.value().intValue())
        .isEqualTo(300);
  }

  @Test
  void aClearedMonitorIsGoneWithoutAClearedEventAndBasesRemoveCustomMonitors() {
    register();
    int id = set(null, POWER, MonitorType.UPPER_THRESHOLD, "100", 4).id();
    power(200);
    assertThat(monitoring.clear(id)).isEqualTo(Monitoring.ClearStatus.ACCEPTED);
    assertThat(monitoring.clear(id)).isEqualTo(Monitoring.ClearStatus.NOT_FOUND);
    power(50);
    assertThat(events()).extracting(EventData::cleared).containsExactly((Boolean) null);

    set(null, POWER, MonitorType.DELTA, "1", 4);
    monitoring.setBase(Monitoring.Base.ALL);
    assertThat(monitoring.monitors()).hasSize(1);
    monitoring.setBase(Monitoring.Base.FACTORY_DEFAULT);
    assertThat(monitoring.monitors()).isEmpty();
  }

  @Test
  void reportsFilterByCriteriaAndVariable() {
    set(null, POWER, MonitorType.UPPER_THRESHOLD, "100", 4);
    set(null, POWER, MonitorType.DELTA, "10", 4);
    set(null, STATE, MonitorType.PERIODIC, "60", 4);

    assertThat(monitoring.report(Set.of(), (c, v) -> true)).hasSize(3);
    assertThat(monitoring.report(Set.of(Monitoring.Criterion.THRESHOLD), (c, v) -> true))
        .extracting(VariableMonitor::type)
        .containsExactly(MonitorType.UPPER_THRESHOLD);
    assertThat(monitoring.report(Set.of(), (c, v) -> v.equals(STATE))).hasSize(1);
  }

  @Test
  void aTransactionMonitorWatchesOnlyDuringATransactionAndAWriteOnlyVariableHasNoValue() {
    register();
    monitoring.set(
        new SetMonitor(
            null, EVSE, POWER, MonitorType.UPPER_THRESHOLD, new BigDecimal("100"), 4, true));
    monitoring.set(
        new SetMonitor(
            null, SECRET_HOLDER, SECRET, MonitorType.PERIODIC, new BigDecimal("60"), 4, false));
    power(200);
    assertThat(events()).filteredOn(e -> e.variable().name().equals("Power")).isEmpty();
    transaction = true;
    power(200);
    clock.advance(Duration.ofSeconds(60));
    assertThat(events()).filteredOn(e -> e.variable().name().equals("Power")).hasSize(1);
    assertThat(events())
        .filteredOn(e -> e.variable().name().equals("BasicAuthPassword"))
        .isNotEmpty()
        .allMatch(e -> e.actualValue().isEmpty());
  }

  @Test
  void monitorsAndAnExceededThresholdSurviveARestartAndClearAfterIt() {
    register();
    int id = set(null, POWER, MonitorType.UPPER_THRESHOLD, "100", 4).id();
    power(200);
    assertThat(monitoring.setLevel(6)).isTrue();

    values.put("Power", "50");
    monitoring.stop();
    monitoring = room();
    assertThat(monitoring.monitors()).extracting(VariableMonitor::id).containsExactly(id);
    assertThat(monitoring.level()).isEqualTo(6);
    register();
    clock.advance(Duration.ofSeconds(2));

    assertThat(events()).extracting(EventData::cleared).containsExactly(null, true);
    // A new monitor does not reuse the id.
    assertThat(set(null, POWER, MonitorType.DELTA, "5", 4).id()).isGreaterThan(id);
  }
}
