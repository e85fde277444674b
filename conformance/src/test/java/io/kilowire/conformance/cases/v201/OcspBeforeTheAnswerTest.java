package io.kilowire.conformance.cases.v201;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.conformance.VirtualSandbox;
import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.pki.Ocsp;
import io.kilowire.conformance.pki.OcspClient;
import io.kilowire.conformance.pki.OcspResponder;
import io.kilowire.conformance.run.CaseResult;
import io.kilowire.conformance.run.Verdict;
import io.kilowire.conformance.script.Verbs;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.v201.AuthorizeCertificateStatus;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The C07 tool validation orders the OCSP request against the CSMS's answer: a CSMS that answers
 * Authorize first and asks the responder only afterwards fails it, even when that request comes in
 * before the suite gets to the validation.
 */
class OcspBeforeTheAnswerTest {
  @Test
  void anOcspRequestAfterTheAnswerDoesNotCount() {
    ConformanceCase late =
        ConformanceCase.v201("TC_C_98_CSMS", "the CSMS asks the responder after answering")
            .main(
                States.bootAccepted("PowerUp"),
                ContractSteps.issue(OcspResponder.Status.GOOD),
                Verbs.exchange("Authorize", ContractSteps.authorizeWithHashData()),
                // the late request lands between the answer and the validation
                Verbs.compute(
                    "the CSMS asks the responder now",
                    ctx ->
                        new OcspClient(Duration.ofSeconds(5))
                            .ask(
                                Ocsp.certificateId(
                                    ctx.contracts().root(),
                                    new BigInteger(ctx.text("contractSerial")),
                                    "SHA256"),
                                ctx.contracts().url(),
                                ctx.contracts().root())),
                ContractSteps.ocspAsked());

    CaseResult r =
        VirtualSandbox.run(
                OcppVersion.V201,
                List.of(late),
                scheduler -> UnaryOperator.identity(),
                null,
                // answers at once, without asking
                (emaid, chain, hashData, now) -> AuthorizeCertificateStatus.ACCEPTED)
            .get(0);

    assertThat(r.verdict()).as(r.reason()).isEqualTo(Verdict.FAIL);
    assertThat(r.requirement()).isEqualTo("C07.FR.05");
    assertThat(r.reason()).contains("before answering");
  }
}
