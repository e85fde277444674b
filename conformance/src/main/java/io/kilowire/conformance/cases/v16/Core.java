package io.kilowire.conformance.cases.v16;

import static io.kilowire.conformance.cases.v16.Messages.authorize;
import static io.kilowire.conformance.cases.v16.Messages.status;
import static io.kilowire.conformance.cases.v16.Messages.stopTransaction;
import static io.kilowire.conformance.script.Expect.emptyOrAbsent;
import static io.kilowire.conformance.script.Expect.is;
import static io.kilowire.conformance.script.Expect.isVar;
import static io.kilowire.conformance.script.Expect.oneOf;
import static io.kilowire.conformance.script.Expect.present;
import static io.kilowire.conformance.script.Json.arr;
import static io.kilowire.conformance.script.Json.obj;
import static io.kilowire.conformance.script.Verbs.check;
import static io.kilowire.conformance.script.Verbs.exchange;
import static io.kilowire.conformance.script.Verbs.expectCall;
import static io.kilowire.conformance.script.Verbs.expectResult;
import static io.kilowire.conformance.script.Verbs.reconnect;
import static io.kilowire.conformance.script.Verbs.respond;
import static io.kilowire.conformance.script.Verbs.send;
import static io.kilowire.conformance.script.Verbs.steps;
import static io.kilowire.conformance.script.Verbs.trigger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.cases.Profile;
import io.kilowire.conformance.script.Check;
import io.kilowire.conformance.script.Credentials;
import io.kilowire.conformance.script.Payload;
import io.kilowire.conformance.script.Step;
import io.kilowire.conformance.script.TokenRole;
import java.time.Duration;
import java.util.List;

/** The OCPP 1.6 Core profile's Central System cases. */
public final class Core {
  private Core() {}

  public static List<ConformanceCase> cases() {
    return List.of(
        ConformanceCase.v16("TC_001_CSMS", "Cold boot of a known charge point", Profile.CORE)
            .main(
                States.booted(),
                exchange("Heartbeat", Payload.empty(), check("currentTime", present()))),
        core("TC_003_CSMS", "Charging session: cable plugged in first")
            .main(
                exchange("StatusNotification", status("Preparing")),
                States.authorized(),
                States.started(),
                exchange("StatusNotification", status("Charging"))),
        core("TC_004_1_CSMS", "Charging session: identification first")
            .main(
                States.authorized(),
                exchange("StatusNotification", status("Preparing")),
                States.started(),
                exchange("StatusNotification", status("Charging"))),
        core("TC_004_2_CSMS", "Identification first, the cable is not plugged in in time")
            .before(States.authorized())
            .main(
                exchange("StatusNotification", status("Preparing")),
                exchange("StatusNotification", status("Available"))),
        core("TC_005_1_CSMS", "EV-side disconnect stops the transaction")
            .before(States.charging())
            .main(
                exchange("StatusNotification", status("SuspendedEV")),
                exchange(
                    "StopTransaction",
                    stopTransaction("EVDisconnected", TokenRole.VALID),
                    check("idTagInfo.status", is("Accepted"))),
                exchange("StatusNotification", status("Finishing")),
                exchange("StatusNotification", status("Available"))),
        core("TC_007_CSMS", "Charging session with a cached idTag")
            .main(
                exchange("StatusNotification", status("Preparing")),
                States.started(),
                exchange("StatusNotification", status("Charging"))),
        core("TC_010_CSMS", "Remote start: cable plugged in first")
            .main(
                exchange("StatusNotification", status("Preparing")),
                remoteStart(),
                expectRemoteStart(),
                respond(obj("status", "Accepted")),
                States.authorized(),
                States.started(),
                exchange("StatusNotification", status("Charging"))),
        core("TC_011_1_CSMS", "Remote start first")
            .main(
                remoteStart(),
                expectRemoteStart(),
                respond(obj("status", "Accepted")),
                States.authorized(),
                exchange("StatusNotification", status("Preparing")),
                States.started(),
                exchange("StatusNotification", status("Charging"))),
        core("TC_011_2_CSMS", "Remote start first, the cable is not plugged in in time")
            .main(
                remoteStart(),
                expectRemoteStart(),
                respond(obj("status", "Accepted")),
                States.authorized(),
                exchange("StatusNotification", status("Preparing")),
                exchange("StatusNotification", status("Available"))),
        core("TC_012_CSMS", "Remote stop of a running transaction")
            .before(States.charging())
            .main(
                remoteStop(),
                respond(obj("status", "Accepted")),
                exchange("StopTransaction", stopTransaction("Remote", TokenRole.VALID)),
                exchange("StatusNotification", status("Finishing")),
                exchange("StatusNotification", status("Available"))),
        core("TC_013_CSMS", "Hard reset")
            .main(reset("Hard"), respond(obj("status", "Accepted")), rebooted()),
        core("TC_014_CSMS", "Soft reset")
            .main(reset("Soft"), respond(obj("status", "Accepted")), rebooted()),
        core("TC_017_1_CSMS", "Unlock a connector without a transaction (detachable cable)")
            .main(unlock(), respond(obj("status", "Unlocked"))),
        core("TC_017_2_CSMS", "Unlock a connector without a transaction (fixed cable)")
            .main(unlock(), respond(obj("status", "NotSupported"))),
        core("TC_018_1_CSMS", "Unlock a connector during a transaction")
            .before(States.charging())
            .main(
                unlock(),
                respond(obj("status", "Unlocked")),
                exchange("StatusNotification", status("Finishing")),
                exchange("StopTransaction", stopTransaction("UnlockCommand", TokenRole.VALID)),
                exchange("StatusNotification", status("Available"))),
        core("TC_019_1_CSMS", "Read all configuration keys")
            .main(
                trigger(
                    "GetConfiguration",
                    Payload.empty(),
                    "Make the Central System read all configuration keys of this charge point"),
                expectCall("GetConfiguration", check("key", emptyOrAbsent())),
                respond(Core::allKeys)),
        core("TC_019_2_CSMS", "Read one configuration key")
            .main(
                trigger(
                    "GetConfiguration",
                    Payload.of(obj("key", arr("SupportedFeatureProfiles"))),
                    "Make the Central System read the key SupportedFeatureProfiles of this charge"
                        + " point"),
                expectCall("GetConfiguration", check("key[0]", is("SupportedFeatureProfiles"))),
                respond(
                    obj(
                        "configurationKey",
                        arr(
                            obj(
                                "key",
                                "SupportedFeatureProfiles",
                                "readonly",
                                true,
                                "value",
                                "Core,LocalAuthListManagement,RemoteTrigger,SmartCharging"))))),
        core("TC_021_CSMS", "Change a configuration key")
            .main(
                changeConfiguration("MeterValueSampleInterval", "60"),
                respond(obj("status", "Accepted"))),
        core("TC_023_1_CSMS", "Authorize: an invalid idTag is refused")
            .main(
                exchange(
                    "Authorize",
                    authorize(TokenRole.INVALID),
                    check("idTagInfo.status", is("Invalid")))),
        core("TC_023_2_CSMS", "Authorize: an expired idTag is refused")
            .main(
                exchange(
                    "Authorize",
                    authorize(TokenRole.EXPIRED),
                    check("idTagInfo.status", is("Expired")))),
        core("TC_023_3_CSMS", "Authorize: a blocked idTag is refused")
            .main(
                exchange(
                    "Authorize",
                    authorize(TokenRole.BLOCKED),
                    check("idTagInfo.status", is("Blocked")))),
        core("TC_024_CSMS", "Connector lock failure before charging")
            .before(States.authorized())
            .main(
                exchange("StatusNotification", status("Preparing")),
                exchange("StatusNotification", status("Faulted", "ConnectorLockFailure"))),
        core("TC_026_CSMS", "Remote start rejected by the charge point")
            .main(remoteStart(), expectRemoteStart(), respond(obj("status", "Rejected"))),
        core("TC_028_CSMS", "Remote stop rejected by the charge point")
            .before(States.charging())
            .main(remoteStop(), respond(obj("status", "Rejected"))),
        core("TC_030_CSMS", "Unlock fails").main(unlock(), respond(obj("status", "UnlockFailed"))),
        core("TC_031_CSMS", "Unlock an unknown connector")
            .main(
                trigger(
                    "UnlockConnector",
                    ctx -> obj("connectorId", ctx.lab().evses().size() + 1),
                    "Make the Central System unlock connector "
                        + "number (connectors + 1), which this charge point does not have"),
                expectCall(
                    "UnlockConnector",
                    check(
                        "connectorId",
                        is("one more than the connectors", ctx -> ctx.lab().evses().size() + 1))),
                respond(obj("status", "NotSupported"))),
        core("TC_032_1_CSMS", "Power failure: the transaction is stopped after the reboot")
            .before(States.charging())
            .main(
                reconnect(Credentials.configured()),
                States.bootAccepted(),
                exchange("StatusNotification", Messages.status(0, "Available")),
                exchange("StatusNotification", status("Finishing")),
                exchange("StopTransaction", stopTransaction("PowerLoss", TokenRole.VALID)),
                exchange("StatusNotification", status("Available"))),
        core("TC_037_1_CSMS", "Offline start with a valid idTag is confirmed")
            .main(
                send(
                    "StartTransaction",
                    Messages.startTransactionAt(TokenRole.VALID, Duration.ofHours(4))),
                expectResult(
                        check("idTagInfo.status", is("Accepted")),
                        check("transactionId", present()))
                    .capture("transactionId", Messages.TRANSACTION_ID),
                exchange("StatusNotification", status("Charging"))),
        core("TC_037_3_CSMS", "Offline start with an invalid idTag is deauthorized")
            .main(
                send(
                    "StartTransaction",
                    Messages.startTransactionAt(TokenRole.INVALID, Duration.ofHours(4))),
                expectResult(check("idTagInfo.status", is("Invalid")))
                    .capture("transactionId", Messages.TRANSACTION_ID),
                exchange("StatusNotification", status("Charging")),
                exchange("StopTransaction", stopTransaction("DeAuthorized", TokenRole.INVALID)),
                exchange("StatusNotification", status("Finishing"))),
        core("TC_039_CSMS", "A whole transaction sent after an offline period")
            .main(
                send(
                    "StartTransaction",
                    Messages.startTransactionAt(TokenRole.VALID, Duration.ofHours(4))),
                expectResult(check("idTagInfo.status", is("Accepted")))
                    .capture("transactionId", Messages.TRANSACTION_ID),
                exchange(
                    "StopTransaction", Messages.stopTransactionAt("Local", Duration.ofHours(3)))),
        core("TC_040_1_CSMS", "Change a configuration key the charge point does not know")
            .main(
                changeConfiguration("KilowireUnknownKey", "123"),
                respond(obj("status", "NotSupported"))),
        core("TC_040_2_CSMS", "Change a configuration key to an invalid value")
            .main(
                changeConfiguration("MeterValueSampleInterval", "-1"),
                respond(obj("status", "Rejected"))),
        core("TC_061_CSMS", "Clear the authorization cache")
            .main(
                trigger(
                    "ClearCache",
                    Payload.empty(),
                    "Make the Central System clear the authorization cache of this charge point"),
                expectCall("ClearCache"),
                respond(obj("status", "Accepted"))),
        core("TC_064_CSMS", "DataTransfer the Central System does not support")
            .main(
                exchange(
                    "DataTransfer",
                    Payload.of(
                        obj(
                            "vendorId",
                            "io.kilowire.conformance",
                            "messageId",
                            "Probe",
                            "data",
                            "x")),
                    check("status", oneOf("Rejected", "UnknownMessageId", "UnknownVendorId")))));
  }

  private static ConformanceCase.Builder core(String id, String title) {
    return Start.of(id, title, Profile.CORE);
  }

  static Step remoteStart() {
    return trigger(
        "RemoteStartTransaction",
        ctx ->
            obj(
                "connectorId",
                Messages.connector(ctx),
                "idTag",
                Messages.idTag(ctx, TokenRole.VALID)),
        "Make the Central System start a transaction on this charge point for the valid idTag");
  }

  static Step.ExpectCall expectRemoteStart(Check... more) {
    Check[] checks = new Check[1 + more.length];
    checks[0] = check("idTag", is("the valid idTag", ctx -> Messages.idTag(ctx, TokenRole.VALID)));
    System.arraycopy(more, 0, checks, 1, more.length);
    return expectCall("RemoteStartTransaction", checks);
  }

  private static List<Step> remoteStop() {
    return steps(
        trigger(
            "RemoteStopTransaction",
            ctx -> obj("transactionId", ctx.var(Messages.TRANSACTION_ID)),
            "Make the Central System stop the transaction running on this charge point"),
        expectCall(
            "RemoteStopTransaction", check("transactionId", isVar(Messages.TRANSACTION_ID))));
  }

  private static List<Step> reset(String type) {
    return steps(
        trigger(
            "Reset",
            Payload.of(obj("type", type)),
            "Make the Central System reset this charge point (" + type + ")"),
        expectCall("Reset", check("type", is(type))));
  }

  /** After a reset: reconnected, booted, every connector Available. */
  private static List<Step> rebooted() {
    return steps(
        reconnect(Credentials.configured()),
        States.bootAccepted(),
        States.everyConnector("Available"));
  }

  private static List<Step> unlock() {
    return steps(
        trigger(
            "UnlockConnector",
            ctx -> obj("connectorId", Messages.connector(ctx)),
            "Make the Central System unlock the configured connector of this charge point"),
        expectCall(
            "UnlockConnector",
            check("connectorId", is("the configured connector", Messages::connector))));
  }

  private static List<Step> changeConfiguration(String key, String value) {
    return steps(
        trigger(
            "ChangeConfiguration",
            Payload.of(obj("key", key, "value", value)),
            "Make the Central System set the key " + key + " of this charge point to " + value),
        expectCall("ChangeConfiguration", check("key", is(key)), check("value", is(value))));
  }

  /** A GetConfiguration.conf with the Core keys a charge point reports. */
  private static ObjectNode allKeys(io.kilowire.conformance.script.CaseContext ctx) {
    return obj(
        "configurationKey",
        arr(
            key("AuthorizeRemoteTxRequests", false, "false"),
            key("ClockAlignedDataInterval", false, "0"),
            key("ConnectionTimeOut", false, "60"),
            key("GetConfigurationMaxKeys", true, "50"),
            key("HeartbeatInterval", false, "300"),
            key("LocalAuthorizeOffline", false, "true"),
            key("LocalPreAuthorize", false, "false"),
            key("MeterValuesAlignedData", false, "Energy.Active.Import.Register"),
            key("MeterValuesSampledData", false, "Energy.Active.Import.Register"),
            key("MeterValueSampleInterval", false, "60"),
            key("NumberOfConnectors", true, String.valueOf(ctx.lab().evses().size())),
            key("ResetRetries", false, "3"),
            key("StopTransactionOnEVSideDisconnect", false, "true"),
            key("StopTransactionOnInvalidId", false, "true"),
            key("StopTxnAlignedData", false, "Energy.Active.Import.Register"),
            key("StopTxnSampledData", false, "Energy.Active.Import.Register"),
            key(
                "SupportedFeatureProfiles",
                true,
                "Core,LocalAuthListManagement,RemoteTrigger,SmartCharging"),
            key("TransactionMessageAttempts", false, "3"),
            key("TransactionMessageRetryInterval", false, "60"),
            key("UnlockConnectorOnEVSideDisconnect", false, "true")));
  }

  private static ObjectNode key(String name, boolean readonly, String value) {
    return obj("key", name, "readonly", readonly, "value", value);
  }
}
