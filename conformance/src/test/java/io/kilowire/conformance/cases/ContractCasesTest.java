package io.kilowire.conformance.cases;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.conformance.VirtualSandbox;
import io.kilowire.conformance.pki.OcspResponder;
import io.kilowire.conformance.run.CaseResult;
import io.kilowire.conformance.run.Verdict;
import io.kilowire.conformance.script.Expect;
import io.kilowire.conformance.script.Json;
import io.kilowire.conformance.script.TokenRole;
import io.kilowire.conformance.script.Verbs;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.v201.AuthorizeCertificateStatus;
import io.kilowire.emulator.sandbox.ContractCheck;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The ISO 15118 contract cases (C07) against the sandbox, whose contract check asks the suite's
 * OCSP responder over HTTP: they pass; against a sandbox that judges contracts without asking, or
 * that calls a revoked one valid, each fails for the requirement it checks.
 */
class ContractCasesTest {
  private static final List<ConformanceCase> CASES =
      CaseCatalogue.cases(OcppVersion.V201).stream()
          .filter(c -> c.useCases().contains("C07"))
          .toList();

  @Test
  void theThreeCasesExistAndPassAgainstTheSandbox() {
    assertThat(CASES)
        .extracting(ConformanceCase::id)
        .containsExactly("TC_C_50_CSMS", "TC_C_51_CSMS", "TC_C_52_CSMS");
    Map<String, CaseResult> results = run(null);
    for (CaseResult r : results.values()) {
      assertThat(r.verdict()).as(r.kase().id() + ": " + r.reason()).isEqualTo(Verdict.PASS);
    }
  }

  @Test
  void aCsmsThatNeverAsksTheResponderFailsTheOcspValidation() {
    Map<String, CaseResult> results =
        run((emaid, chain, hashData, now) -> AuthorizeCertificateStatus.ACCEPTED);

    assertThat(results.get("TC_C_50_CSMS").failedInScenario()).isTrue();
    assertThat(results.get("TC_C_50_CSMS").requirement()).isEqualTo("C07.FR.05");
    assertThat(results.get("TC_C_52_CSMS").requirement()).isEqualTo("C07.FR.05");
    // the revoked certificate is taken as valid: status and certificateStatus are wrong
    assertThat(results.get("TC_C_51_CSMS").requirement()).isEqualTo("C07.FR.16");
    assertThat(results.get("TC_C_51_CSMS").reason()).contains("Invalid");
    // a failed tool validation of no single frame observes none
    assertThat(results.get("TC_C_50_CSMS").observed()).isNull();
  }

  @Test
  void aCsmsReportingAChainErrorFailsTheAcceptedCases() {
    Map<String, CaseResult> results =
        run((emaid, chain, hashData, now) -> AuthorizeCertificateStatus.CERT_CHAIN_ERROR);

    assertThat(results.get("TC_C_50_CSMS").verdict()).isEqualTo(Verdict.FAIL);
    assertThat(results.get("TC_C_50_CSMS").reason()).contains("idTokenInfo.status");
    // the FAIL carries the answer it judged, as it came on the wire
    assertThat(results.get("TC_C_50_CSMS").observed())
        .startsWith("[3,")
        .contains("\"certificateStatus\":\"CertChainError\"");
    assertThat(results.get("TC_C_52_CSMS").verdict()).isEqualTo(Verdict.FAIL);
    assertThat(results.get("TC_C_51_CSMS").reason()).contains("certificateStatus");
  }

  @Test
  void theSandboxCancelsAValidContractOfABlockedToken() {
    // C07.FR.13: the certificate is good, the eMAID is not accepted
    ConformanceCase blocked =
        ConformanceCase.v201("TC_C_99_CSMS", "a good contract certificate of a blocked token")
            .main(
                Verbs.exchange(
                    "BootNotification",
                    ctx ->
                        Json.obj(
                            "reason",
                            "PowerUp",
                            "chargingStation",
                            Json.obj("model", "M", "vendorName", "V"))),
                Verbs.send(
                    "Authorize",
                    ctx -> {
                      var contract =
                          ctx.contracts()
                              .issue(
                                  ctx.token(TokenRole.BLOCKED).idToken(),
                                  ctx.now(),
                                  OcspResponder.Status.GOOD)
                              .hashData();
                      return Json.obj(
                          "idToken",
                          Json.obj(
                              "idToken",
                              ctx.token(TokenRole.BLOCKED).idToken(),
                              "type",
                              "ISO14443"),
                          "iso15118CertificateHashData",
                          Json.arr(
                              Json.obj(
                                  "hashAlgorithm",
                                  contract.hashAlgorithm().value(),
                                  "issuerNameHash",
                                  contract.issuerNameHash(),
                                  "issuerKeyHash",
                                  contract.issuerKeyHash(),
                                  "serialNumber",
                                  contract.serialNumber(),
                                  "responderURL",
                                  contract.responderURL())));
                    }),
                Verbs.expectResult(
                    Verbs.check("idTokenInfo.status", Expect.is("Blocked")),
                    Verbs.check("certificateStatus", Expect.is("ContractCancelled"))));

    CaseResult r =
        VirtualSandbox.run(
                OcppVersion.V201,
                List.of(blocked),
                scheduler -> UnaryOperator.identity(),
                null,
                null)
            .get(0);

    assertThat(r.verdict()).as(r.reason()).isEqualTo(Verdict.PASS);
  }

  private static Map<String, CaseResult> run(@Nullable ContractCheck check) {
    return VirtualSandbox.run(
            OcppVersion.V201, CASES, scheduler -> UnaryOperator.identity(), null, check)
        .stream()
        .collect(Collectors.toMap(r -> r.kase().id(), r -> r));
  }
}
