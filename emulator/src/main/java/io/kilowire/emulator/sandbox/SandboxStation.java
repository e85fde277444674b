package io.kilowire.emulator.sandbox;

import io.kilowire.core.ocpp.model.OcppMessage;
import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** What the sandbox remembers of one station across its connections. */
final class SandboxStation {
  /** How the next boot is answered; null = Accepted. */
  volatile @Nullable String nextBootStatus;

  /** False after a boot answered Pending or Rejected, until one is accepted. */
  volatile boolean accepted = true;

  /** Per EVSE: the lowest limit of the last TxProfile sent to it (2.0.1 ISO 15118 cases). */
  final Map<Integer, BigDecimal> txProfileLimits = new ConcurrentHashMap<>();

  /** How many variables the station takes per GetVariablesRequest; 0 = not known. */
  volatile int itemsPerGetVariables;

  volatile int itemsPerClearMonitoring;

  /**
   * The security profile the station accepted to move to (2.0.1 SetNetworkProfile, 1.6
   * SecurityProfile); 0 = none.
   */
  volatile int upgradingTo;

  /** Set once it came back on security profile 3: Basic credentials no longer let it in. */
  volatile boolean certificateOnly;

  /** Per transaction: its first and last energy register seen, in Wh (for the total cost). */
  final Map<String, BigDecimal> firstEnergyWh = new ConcurrentHashMap<>();

  final Map<String, BigDecimal> lastEnergyWh = new ConcurrentHashMap<>();

  /** Per Dynamic profile the station accepted (2.1): its values as last set or updated. */
  final Map<Integer, io.kilowire.core.ocpp.v21.ChargingScheduleUpdate> dynamicSchedules =
      new ConcurrentHashMap<>();

  /** The transactionLimit the next TransactionEvent answer carries (2.1); null = none. */
  volatile io.kilowire.core.ocpp.v21.@Nullable TransactionLimit nextTransactionLimit;

  /** The limit for this answer, once. */
  io.kilowire.core.ocpp.v21.@Nullable TransactionLimit takeTransactionLimit() {
    var limit = nextTransactionLimit;
    nextTransactionLimit = null;
    return limit;
  }

  /**
   * Per EVSE: V2XChargingCtrlr.Enabled (2.1) as the station last reported it to a GetVariables or
   * accepted it in a SetVariables; absent = not known.
   */
  final Map<Integer, Boolean> v2xEnabled = new ConcurrentHashMap<>();

  /** Per EVSE: V2XChargingCtrlr.SupportedOperationModes (2.1) as last read; absent = not known. */
  final Map<Integer, java.util.List<String>> operationModes = new ConcurrentHashMap<>();

  /**
   * Per EVSE: a bidirectional EV's charging needs (2.1) that came before its transaction, to be
   * answered with a request to feed back once the transaction starts.
   */
  final Map<Integer, io.kilowire.core.ocpp.v21.NotifyEVChargingNeedsRequest> pendingV2xNeeds =
      new ConcurrentHashMap<>();

  /** Per EVSE: the transaction running on it (2.0.1), as the station reported it. */
  final Map<Integer, String> transactions = new ConcurrentHashMap<>();

  /** The status for a boot now; consumes a requested Pending or Rejected. */
  String bootStatus() {
    String status = nextBootStatus;
    nextBootStatus = null;
    String answer = status == null ? "Accepted" : status;
    accepted = answer.equals("Accepted");
    return answer;
  }

  /** Learns from a CSMS-initiated call and the station's answer to it. */
  void answered(String stationId, OcppMessage request, OcppMessage response, SandboxCsms csms) {
    if (request instanceof io.kilowire.core.ocpp.v201.SetVariablesRequest set
        && response instanceof io.kilowire.core.ocpp.v201.SetVariablesResponse result) {
      for (int i = 0;
          i < set.setVariableData().size() && i < result.setVariableResult().size();
          i++) {
        var data = set.setVariableData().get(i);
        var outcome = result.setVariableResult().get(i);
        if (data.component().name().equals("SecurityCtrlr")
            && data.variable().name().equals("BasicAuthPassword")
            && outcome.attributeStatus().value().equals("Accepted")) {
          csms.changePassword(stationId, data.attributeValue());
        }
        if (outcome.attributeStatus().value().equals("Accepted")) {
          learnV2x(data.component(), data.variable(), data.attributeValue());
        }
      }
    } else if (response instanceof io.kilowire.core.ocpp.v201.GetVariablesResponse result) {
      for (var r : result.getVariableResult()) {
        if (r.component().name().equals("DeviceDataCtrlr")
            && r.variable().name().equals("ItemsPerMessage")
            && "GetVariables".equals(r.variable().instance())
            && r.attributeStatus().value().equals("Accepted")
            && r.attributeValue() != null
            && r.attributeValue().matches("\\d{1,4}")) {
          itemsPerGetVariables = Integer.parseInt(r.attributeValue());
        }
        if (r.component().name().equals("MonitoringCtrlr")
            && r.variable().name().equals("ItemsPerMessage")
            && "ClearVariableMonitoring".equals(r.variable().instance())
            && r.attributeStatus().value().equals("Accepted")
            && r.attributeValue() != null
            && r.attributeValue().matches("\\d{1,4}")) {
          itemsPerClearMonitoring = Integer.parseInt(r.attributeValue());
        }
        if (r.attributeStatus().value().equals("Accepted") && r.attributeValue() != null) {
          learnV2x(r.component(), r.variable(), r.attributeValue());
        }
      }
    } else if (request instanceof io.kilowire.core.ocpp.v16.ChangeConfigurationRequest change
        && response instanceof io.kilowire.core.ocpp.v16.ChangeConfigurationResponse result
        && change.key().equals("AuthorizationKey")
        && result.status().value().equals("Accepted")
        && change.value().matches("([0-9a-fA-F]{2})+")) {
      // 1.6 carries the key hex-encoded; the station sends the decoded bytes as its password.
      csms.changePassword(
          stationId,
          new String(
              java.util.HexFormat.of().parseHex(change.value()),
              java.nio.charset.StandardCharsets.UTF_8));
    } else if (request instanceof io.kilowire.core.ocpp.v201.SetNetworkProfileRequest set
        && response instanceof io.kilowire.core.ocpp.v201.SetNetworkProfileResponse result
        && result.status().value().equals("Accepted")) {
      upgradingTo = set.connectionData().securityProfile();
    } else if (request instanceof io.kilowire.core.ocpp.v16.ChangeConfigurationRequest change
        && response instanceof io.kilowire.core.ocpp.v16.ChangeConfigurationResponse result
        && change.key().equals("SecurityProfile")
        && result.status().value().equals("Accepted")
        && change.value().matches("[0-3]")) {
      upgradingTo = Integer.parseInt(change.value());
    } else if (request instanceof io.kilowire.core.ocpp.v201.SetChargingProfileRequest set
        && set.chargingProfile().chargingProfilePurpose().value().equals("TxProfile")) {
      rememberTxProfile(set);
    }
  }

  /** What a variable of an EVSE's V2XChargingCtrlr says, as the station read or took it. */
  private void learnV2x(
      io.kilowire.core.ocpp.v201.Component component,
      io.kilowire.core.ocpp.v201.Variable variable,
      String value) {
    if (!component.name().equals("V2XChargingCtrlr") || component.evse() == null) {
      return;
    }
    int evse = component.evse().id();
    switch (variable.name()) {
      case "Enabled" -> v2xEnabled.put(evse, Boolean.parseBoolean(value.trim()));
      case "SupportedOperationModes" ->
          operationModes.put(
              evse, java.util.Arrays.stream(value.split(",")).map(String::trim).toList());
      default -> {
        // the others say what the EVSE can do; the sandbox asks the EV itself
      }
    }
  }

  void rememberTxProfile(io.kilowire.core.ocpp.v201.SetChargingProfileRequest set) {
    BigDecimal lowest = null;
    for (var schedule : set.chargingProfile().chargingSchedule()) {
      for (var period : schedule.chargingSchedulePeriod()) {
        if (lowest == null || period.limit().compareTo(lowest) < 0) {
          lowest = period.limit();
        }
      }
    }
    if (lowest != null) {
      txProfileLimits.put(set.evseId(), lowest);
    }
  }
}
