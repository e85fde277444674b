package io.kilowire.conformance.cases.v201;

import static io.kilowire.conformance.cases.v201.Messages.authorize;
import static io.kilowire.conformance.cases.v201.Messages.transactionEvent;
import static io.kilowire.conformance.script.Expect.is;
import static io.kilowire.conformance.script.Expect.oneOf;
import static io.kilowire.conformance.script.Json.obj;
import static io.kilowire.conformance.script.Verbs.check;
import static io.kilowire.conformance.script.Verbs.exchange;
import static io.kilowire.conformance.script.Verbs.expand;
import static io.kilowire.conformance.script.Verbs.expectCall;
import static io.kilowire.conformance.script.Verbs.respond;
import static io.kilowire.conformance.script.Verbs.state;
import static io.kilowire.conformance.script.Verbs.steps;
import static io.kilowire.conformance.script.Verbs.trigger;

import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.cases.Profile;
import io.kilowire.conformance.lab.LabConfiguration;
import io.kilowire.conformance.pki.OcspResponder;
import io.kilowire.conformance.script.Check;
import io.kilowire.conformance.script.Payload;
import io.kilowire.conformance.script.Step;
import io.kilowire.conformance.script.TokenRole;
import java.util.ArrayList;
import java.util.List;

/**
 * Block C, Authorization: token verdicts, the cache, GroupId, the Master Pass, ISO 15118 contract
 * certificates.
 */
public final class Authorization {
  private Authorization() {}

  public static List<ConformanceCase> cases() {
    return List.of(
        Start.of("TC_C_02_CSMS", "Local start: an unknown or invalid token is refused")
            .useCases("C01", "C04", "C06")
            .requirements("C01.FR.07", "C04.FR.01", "C06.FR.04")
            .main(
                exchange(
                    "Authorize",
                    authorize(TokenRole.INVALID),
                    check("idTokenInfo.status", oneOf("Invalid", "Unknown"), "C01.FR.07"))),
        Start.of("TC_C_06_CSMS", "Local start: a blocked token is refused")
            .useCases("C01")
            .requirements("C01.FR.07")
            .main(
                exchange(
                    "Authorize",
                    authorize(TokenRole.BLOCKED),
                    check("idTokenInfo.status", oneOf("Blocked", "Invalid"), "C01.FR.07"))),
        Start.of("TC_C_07_CSMS", "Local start: an expired token is refused")
            .useCases("C01")
            .requirements("C01.FR.07")
            .main(
                exchange(
                    "Authorize",
                    authorize(TokenRole.EXPIRED),
                    check("idTokenInfo.status", oneOf("Expired", "Invalid"), "C01.FR.07"))),
        Start.of("TC_C_08_CSMS", "Authorization cache: a cached valid token is confirmed")
            .useCases("C12")
            .requirements("C12.FR.03")
            .before(States.evConnectedPreSession())
            .main(
                exchange(
                    "TransactionEvent",
                    transactionEvent("Updated", "Authorized").idToken(TokenRole.VALID),
                    check("idTokenInfo.status", is("Accepted"), "C12.FR.03"))),
        Start.of("TC_C_20_CSMS", "Authorization cache: a token invalid at the CSMS is refused")
            .useCases("C12")
            .requirements("C12.FR.03")
            .before(States.evConnectedPreSession())
            .main(
                exchange(
                    "TransactionEvent",
                    transactionEvent("Updated", "Authorized").idToken(TokenRole.INVALID),
                    check("idTokenInfo.status", oneOf("Invalid", "Unknown"), "C12.FR.03"))),
        Start.of("TC_C_37_CSMS", "Clear the authorization cache: accepted")
            .useCases("C11")
            .main(clearCache(), respond(obj("status", "Accepted"))),
        Start.of("TC_C_38_CSMS", "Clear the authorization cache: rejected")
            .useCases("C11")
            .main(clearCache(), respond(obj("status", "Rejected"))),
        Start.of("TC_C_39_CSMS", "GroupId: a second token of the group stops the transaction")
            .useCases("C09")
            .requirements("C09.FR.02", "C09.FR.03")
            .before(States.evConnectedPreSession())
            .main(
                exchange("Authorize", authorize(TokenRole.VALID2), acceptedInGroup()),
                exchange(
                    "TransactionEvent",
                    transactionEvent("auto", "Authorized").idToken(TokenRole.VALID),
                    acceptedInGroup()),
                States.flag(States.AUTHORIZED, true),
                States.energyTransferStarted(),
                exchange("Authorize", authorize(TokenRole.VALID2), acceptedInGroup()),
                stopAuthorizedBy(TokenRole.VALID2),
                States.evConnectedPostSession(),
                States.evDisconnected()),
        Start.of(
                "TC_C_40_CSMS",
                "GroupId with the local list: a second token of the group stops the transaction")
            .useCases("C09")
            .requirements("C09.FR.02", "C09.FR.03")
            .profile(Profile.LOCAL_AUTH_LIST)
            .before(States.evConnectedPreSession())
            .main(
                exchange(
                    "TransactionEvent",
                    transactionEvent("auto", "Authorized").idToken(TokenRole.VALID),
                    acceptedInGroup()),
                States.flag(States.AUTHORIZED, true),
                States.energyTransferStarted(),
                stopAuthorizedBy(TokenRole.VALID2),
                States.evConnectedPostSession(),
                States.evDisconnected()),
        Start.of(
                "TC_C_43_CSMS",
                "GroupId with the local list: the second token is checked online before stopping")
            .useCases("C09")
            .requirements("C09.FR.02", "C09.FR.03")
            .profile(Profile.LOCAL_AUTH_LIST)
            .before(States.evConnectedPreSession())
            .main(
                exchange(
                    "TransactionEvent",
                    transactionEvent("auto", "Authorized").idToken(TokenRole.VALID),
                    acceptedInGroup()),
                States.flag(States.AUTHORIZED, true),
                States.energyTransferStarted(),
                exchange("Authorize", authorize(TokenRole.VALID2), acceptedInGroup()),
                stopAuthorizedBy(TokenRole.VALID2),
                States.evConnectedPostSession(),
                States.evDisconnected()),
        Start.of("TC_C_47_CSMS", "Master Pass with a user interface: all transactions stopped")
            .useCases("C16")
            .requirements("C16.FR.01")
            .evses(2)
            .before(twoTransactions())
            .main(
                exchange("Authorize", authorize(TokenRole.MASTER_PASS)),
                endBothByMasterPass(TokenRole.MASTER_PASS)),
        Start.of("TC_C_48_CSMS", "Master Pass with a user interface: one transaction stopped")
            .useCases("C16")
            .requirements("C16.FR.01")
            .before(States.energyTransferStarted())
            .main(
                exchange("Authorize", authorize(TokenRole.MASTER_PASS), masterPassGroup()),
                exchange(
                    "TransactionEvent",
                    transactionEvent("Ended", "StopAuthorized")
                        .stoppedReason("MasterPass")
                        .idToken(TokenRole.MASTER_PASS),
                    masterPassGroup())),
        Start.of("TC_C_49_CSMS", "Master Pass without a user interface: all transactions stopped")
            .useCases("C16")
            .requirements("C16.FR.02")
            .evses(2)
            .before(twoTransactions())
            .main(
                exchange("Authorize", authorize(TokenRole.MASTER_PASS)),
                endBothByMasterPass(TokenRole.VALID)),
        contractCase(
                "TC_C_50_CSMS",
                "ISO 15118 contract, validated by the station: the CSMS checks it by OCSP and"
                    + " accepts")
            .requirements("C07.FR.04", "C07.FR.05", "C07.FR.14")
            .main(
                ContractSteps.issue(OcspResponder.Status.GOOD),
                exchange(
                    "Authorize",
                    ContractSteps.authorizeWithHashData(),
                    check("idTokenInfo.status", is("Accepted"), "C07.FR.14"),
                    check("certificateStatus", is("Accepted"), "C07.FR.14")),
                ContractSteps.ocspAsked(),
                contractAuthorizedAndCharging()),
        contractCase(
                "TC_C_51_CSMS",
                "ISO 15118 contract, validated by the station: a revoked certificate is refused")
            .requirements("C07.FR.05", "C07.FR.16")
            .main(
                ContractSteps.issue(OcspResponder.Status.REVOKED),
                exchange(
                    "Authorize",
                    ContractSteps.authorizeWithHashData(),
                    check("idTokenInfo.status", is("Invalid"), "C07.FR.16"),
                    check("certificateStatus", is("CertificateRevoked"), "C07.FR.16")),
                ContractSteps.ocspAsked()),
        contractCase(
                "TC_C_52_CSMS",
                "ISO 15118 contract validated by the CSMS: it checks the chain and OCSP and"
                    + " accepts")
            .requirements("C07.FR.04", "C07.FR.05", "C07.FR.06", "C07.FR.14")
            .main(
                ContractSteps.issue(OcspResponder.Status.GOOD),
                exchange(
                    "Authorize",
                    ContractSteps.authorizeWithCertificate(),
                    check("idTokenInfo.status", is("Accepted"), "C07.FR.14"),
                    check("certificateStatus", is("Accepted"), "C07.FR.14")),
                ContractSteps.ocspAsked(),
                contractAuthorizedAndCharging()));
  }

  /** A C07 case: ISO 15118 support, an EV plugged in, the lab's contract root. */
  private static ConformanceCase.Builder contractCase(String id, String title) {
    return Start.of(id, title)
        .useCases("C07")
        .profile(Profile.ISO15118)
        .needs(ConformanceCase.Need.CONTRACTS)
        .before(States.evConnectedPreSession());
  }

  /** Steps 5 and 6, then EnergyTransferStarted: the transaction authorized by the contract. */
  private static List<Step> contractAuthorizedAndCharging() {
    return steps(
        exchange(
            "TransactionEvent",
            transactionEvent("auto", "Authorized").idToken(TokenRole.CONTRACT),
            check("idTokenInfo.status", is("Accepted"), "C07.FR.04")),
        States.flag(States.AUTHORIZED, true),
        States.energyTransferStarted());
  }

  private static List<Step> clearCache() {
    return steps(
        trigger(
            "ClearCache",
            Payload.empty(),
            "Make the CSMS clear the authorization cache of this station"),
        expectCall("ClearCache"));
  }

  /** Accepted, with the configured group as groupIdToken (C09.FR.02 / .03). */
  private static Check[] acceptedInGroup() {
    return new Check[] {
      check("idTokenInfo.status", is("Accepted"), "C09.FR.02"),
      check(
          "idTokenInfo.groupIdToken.idToken",
          is("the configured group", ctx -> ctx.token(TokenRole.GROUP).idToken()),
          "C09.FR.03")
    };
  }

  private static Check[] masterPassGroup() {
    return new Check[] {
      check("idTokenInfo.status", is("Accepted")),
      check(
          "idTokenInfo.groupIdToken.idToken",
          is(
              "the configured MasterPassGroupId",
              ctx -> ctx.token(TokenRole.MASTER_PASS_GROUP).idToken()),
          "C16.FR.01")
    };
  }

  private static Step stopAuthorizedBy(TokenRole token) {
    return state(
        "StopAuthorized by " + token.key(),
        exchange(
            "TransactionEvent",
            transactionEvent("Updated", "StopAuthorized").idToken(token),
            acceptedInGroup()));
  }

  /** EnergyTransferStarted on the first EVSE for the valid token, on the second for valid2. */
  private static Step twoTransactions() {
    return expand(
        "a transaction on each of two EVSEs",
        ctx -> {
          List<LabConfiguration.Evse> evses = ctx.lab().evses();
          List<Step> out = new ArrayList<>();
          out.add(States.onEvse(evses.get(0).id(), States.energyTransferStarted(TokenRole.VALID)));
          out.add(States.onEvse(evses.get(1).id(), States.energyTransferStarted(TokenRole.VALID2)));
          return out;
        });
  }

  /** Both transactions end with stoppedReason MasterPass, {@code token} as the idToken. */
  private static Step endBothByMasterPass(TokenRole token) {
    return expand(
        "end both transactions by the Master Pass",
        ctx -> {
          List<Step> out = new ArrayList<>();
          for (LabConfiguration.Evse evse : ctx.lab().evses().subList(0, 2)) {
            out.add(
                States.onEvse(
                    evse.id(),
                    exchange(
                        "TransactionEvent",
                        transactionEvent("Ended", "StopAuthorized")
                            .stoppedReason("MasterPass")
                            .idToken(token))));
          }
          return out;
        });
  }
}
