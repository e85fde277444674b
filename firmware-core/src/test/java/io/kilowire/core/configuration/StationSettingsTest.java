package io.kilowire.core.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.configuration.V201Variables.ChargingStation;
import io.kilowire.core.configuration.V201Variables.OcppCommCtrlr;
import io.kilowire.core.configuration.V201Variables.SecurityCtrlr;
import io.kilowire.core.configuration.V201Variables.SmartChargingCtrlr;
import io.kilowire.core.configuration.V201Variables.TxCtrlr;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.station.SettingsParameters;
import io.kilowire.core.station.StationParameters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StationSettingsTest {

  @Nested
  class OverOneSixKeys {
    private final Configuration keys = V16Keys.builder(Layouts.TWO_EVSES).build();
    private final StationSettings settings = StationSettings.of(keys);

    @Test
    void readTheMatchingKeys() {
      keys.write(V16Keys.HEARTBEAT_INTERVAL, "300");
      keys.write(V16Keys.METER_VALUES_SAMPLED_DATA, "Voltage,SoC");
      assertThat(settings.version()).isEqualTo(OcppVersion.V16);
      assertThat(settings.heartbeatInterval()).isEqualTo(Duration.ofSeconds(300));
      assertThat(settings.sampledMeasurands()).containsExactly("Voltage", "SoC");
      assertThat(settings.transactionMessageAttempts()).isEqualTo(3);
      assertThat(settings.transactionMessageRetryInterval()).isEqualTo(Duration.ofSeconds(60));
      assertThat(settings.numberOfConnectors()).isEqualTo(3);
      assertThat(settings.numberOfEvses()).isEqualTo(3);
      assertThat(settings.securityProfile()).isZero();
    }

    @Test
    void
        startTransactionsWhenThePowerPathClosesAndStopThemAsStopTransactionOnEvSideDisconnectSays() {
      assertThat(settings.txStartPoints()).containsExactly(TxPoint.POWER_PATH_CLOSED);
      assertThat(settings.txStopPoints())
          .isEqualTo(EnumSet.of(TxPoint.EV_CONNECTED, TxPoint.AUTHORIZED));
      keys.write(V16Keys.STOP_TRANSACTION_ON_EV_SIDE_DISCONNECT, "false");
      assertThat(settings.txStopPoints()).containsExactly(TxPoint.AUTHORIZED);
    }

    @Test
    void useTheTwoZeroOneBackOffDefaultsForLackOfKeys() {
      assertThat(settings.retryBackOff())
          .isEqualTo(new RetryBackOff(Duration.ofSeconds(10), Duration.ofSeconds(10), 5));
    }

    @Test
    void fallBackToTheDefaultOfADroppedOptionalKey() {
      StationSettings without =
          StationSettings.of(
              Configuration.builder(V16Keys.ALL).without(V16Keys.MESSAGE_TIMEOUT).build());
      assertThat(without.messageTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void tellListenersWhenTheHeartbeatIntervalChanges() {
      List<Duration> heard = new ArrayList<>();
      settings.onChange(Setting.HEARTBEAT_INTERVAL, () -> heard.add(settings.heartbeatInterval()));
      keys.write(V16Keys.CLOCK_ALIGNED_DATA_INTERVAL, "900");
      keys.write(V16Keys.HEARTBEAT_INTERVAL, "120");
      assertThat(heard).containsExactly(Duration.ofSeconds(120));
    }
  }

  @Nested
  class OverTheDeviceModel {
    private final DeviceModel model = DeviceModel.builder(Layouts.TWO_EVSES).build();
    private final StationSettings settings = StationSettings.of(model);

    @Test
    void readTheMatchingVariables() {
      model.set(OcppCommCtrlr.RETRY_BACK_OFF_WAIT_MINIMUM, 3);
      assertThat(settings.version()).isEqualTo(OcppVersion.V201);
      assertThat(settings.messageTimeout()).isEqualTo(Duration.ofSeconds(30));
      assertThat(settings.retryBackOff().waitMinimum()).isEqualTo(Duration.ofSeconds(3));
      assertThat(settings.clockAlignedInterval()).isEqualTo(Duration.ofSeconds(900));
      assertThat(settings.sampledMeasurands()).containsExactly("Energy.Active.Import.Register");
      assertThat(settings.localAuthorizeOffline()).isTrue();
      assertThat(settings.numberOfConnectors()).isEqualTo(3);
      assertThat(settings.numberOfEvses()).isEqualTo(2);
      assertThat(settings.securityProfile()).isEqualTo(1);
    }

    @Test
    void readTheConnectionTimeoutAndWhetherSessionsMayStartPendingAFirmwareUpdate() {
      StationParameters parameters = new SettingsParameters(settings, false);
      assertThat(parameters.evConnectionTimeout()).isEqualTo(Duration.ofSeconds(60));
      assertThat(parameters.allowNewSessionsPendingFirmwareUpdate()).isFalse();
      model.configuration().write(TxCtrlr.EV_CONNECTION_TIME_OUT.actual(), "5");
      model
          .configuration()
          .write(ChargingStation.ALLOW_NEW_SESSIONS_PENDING_FIRMWARE_UPDATE.actual(), "true");
      assertThat(parameters.evConnectionTimeout()).isEqualTo(Duration.ofSeconds(5));
      assertThat(parameters.allowNewSessionsPendingFirmwareUpdate()).isTrue();
    }

    @Test
    void readLimitChangeSignificanceInPercent() {
      assertThat(settings.limitChangeSignificancePercent()).isEqualTo(1.0);
      model.configuration().write(SmartChargingCtrlr.LIMIT_CHANGE_SIGNIFICANCE.actual(), "12.5");
      assertThat(settings.limitChangeSignificancePercent()).isEqualTo(12.5);
    }

    @Test
    void readTxPointsFromTheTxController() {
      model.configuration().write(TxCtrlr.TX_START_POINT.actual(), "EVConnected,Authorized");
      assertThat(settings.txStartPoints())
          .isEqualTo(EnumSet.of(TxPoint.EV_CONNECTED, TxPoint.AUTHORIZED));
      assertThat(settings.txStopPoints())
          .isEqualTo(EnumSet.of(TxPoint.EV_CONNECTED, TxPoint.AUTHORIZED));
    }

    @Test
    void tellListenersOfTheSettingAndNoOther() {
      List<Setting> heard = new ArrayList<>();
      settings.onChange(Setting.HEARTBEAT_INTERVAL, () -> heard.add(Setting.HEARTBEAT_INTERVAL));
      settings.onChange(Setting.SECURITY_PROFILE, () -> heard.add(Setting.SECURITY_PROFILE));
      model.configuration().write(OcppCommCtrlr.HEARTBEAT_INTERVAL.actual(), "60");
      model.set(SecurityCtrlr.SECURITY_PROFILE, 2);
      model.configuration().write(OcppCommCtrlr.MESSAGE_ATTEMPTS_TRANSACTION_EVENT.actual(), "5");
      assertThat(heard).containsExactly(Setting.HEARTBEAT_INTERVAL, Setting.SECURITY_PROFILE);
    }
  }
}
