package io.kilowire.conformance.cases.v201;

import static io.kilowire.conformance.script.Json.obj;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kilowire.conformance.pki.ContractAuthority;
import io.kilowire.conformance.pki.OcspResponder;
import io.kilowire.conformance.script.Json;
import io.kilowire.conformance.script.Payload;
import io.kilowire.conformance.script.Step;
import io.kilowire.conformance.script.TokenRole;
import io.kilowire.conformance.script.Verbs;
import io.kilowire.core.ocpp.v201.OCSPRequestData;
import java.math.BigInteger;

/**
 * Steps of the ISO 15118 contract cases (C07): a contract certificate issued for the configured
 * eMAID, the Authorize that presents it, and the OCTT's check that the CSMS asked the OCSP
 * responder about it.
 */
final class ContractSteps {
  private static final String SERIAL = "contractSerial";
  private static final String PEM = "contractCertificate";
  private static final String HASH_DATA = "contractHashData";

  private ContractSteps() {}

  /**
   * Issues a fresh contract certificate for the configured contract token, which the OCSP responder
   * answers with {@code status}; a fresh serial, so the CSMS cannot have it cached.
   */
  static Step issue(OcspResponder.Status status) {
    return Verbs.compute(
        "issue a contract certificate the OCSP responder calls "
            + status.name().toLowerCase(java.util.Locale.ROOT),
        ctx -> {
          ContractAuthority.Contract contract =
              ctx.contracts().issue(ctx.token(TokenRole.CONTRACT).idToken(), ctx.now(), status);
          ctx.set(SERIAL, contract.serial().toString());
          ctx.set(PEM, contract.pem());
          ctx.set(HASH_DATA, hashData(contract.hashData()));
        });
  }

  /** Authorize with the contract's OCSP request data (the station validated the chain itself). */
  static Payload authorizeWithHashData() {
    return ctx ->
        obj(
            "idToken",
            Messages.idToken(ctx, TokenRole.CONTRACT),
            "iso15118CertificateHashData",
            Json.arr(ctx.var(HASH_DATA).deepCopy()));
  }

  /** Authorize with the contract certificate itself and no hash data (C07.FR.06). */
  static Payload authorizeWithCertificate() {
    return ctx ->
        obj("idToken", Messages.idToken(ctx, TokenRole.CONTRACT), "certificate", ctx.text(PEM));
  }

  /**
   * The OCTT's validation of steps 2 and 3, right after the Authorize exchange: the responder was
   * asked about this certificate before the CSMS's answer came (the answer must rest on it).
   */
  static Step ocspAsked() {
    return Verbs.verify(
        "the CSMS asked the OCSP responder about the contract certificate before answering",
        ctx ->
            ctx.contracts()
                .askedBefore(
                    new BigInteger(ctx.text(SERIAL)),
                    ctx.var(io.kilowire.conformance.script.CaseContext.RESULT_ARRIVED).asLong()),
        "the CSMS did not ask the contract certificate's OCSP responder about it before answering"
            + " Authorize (no earlier OCSP request naming its issuer and serial number)",
        "C07.FR.05");
  }

  private static ObjectNode hashData(OCSPRequestData d) {
    return obj(
        "hashAlgorithm",
        d.hashAlgorithm().value(),
        "issuerNameHash",
        d.issuerNameHash(),
        "issuerKeyHash",
        d.issuerKeyHash(),
        "serialNumber",
        d.serialNumber(),
        "responderURL",
        d.responderURL());
  }
}
