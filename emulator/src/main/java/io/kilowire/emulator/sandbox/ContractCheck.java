package io.kilowire.emulator.sandbox;

import io.kilowire.core.ocpp.v201.AuthorizeCertificateStatus;
import io.kilowire.core.ocpp.v201.OCSPRequestData;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How the sandbox judges the contract certificate an ISO 15118 station presents in Authorize (use
 * case C07): whether its chain leads to a root the CSMS trusts and what its OCSP responder says.
 * The emulator has no certificate library, so whoever sets the sandbox up supplies one ({@link
 * SandboxCsms#contractCheck}); without one the sandbox leaves certificateStatus out.
 */
@FunctionalInterface
public interface ContractCheck {
  /**
   * The status of the contract certificate behind {@code emaid}: from {@code certificateChain}
   * (PEM, contract certificate first) when the station could not validate it itself (C07.FR.06),
   * else from the OCSP request data of its chain.
   *
   * @param hashData empty when the station sent none
   * @param now the sandbox's time, against which a certificate may have expired
   */
  AuthorizeCertificateStatus check(
      String emaid, @Nullable String certificateChain, List<OCSPRequestData> hashData, Instant now);
}
