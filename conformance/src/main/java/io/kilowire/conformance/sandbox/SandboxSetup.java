package io.kilowire.conformance.sandbox;

import io.kilowire.conformance.lab.LabConfiguration;
import io.kilowire.conformance.lab.LabConfigurationParser;
import io.kilowire.conformance.pki.ContractAuthority;
import io.kilowire.conformance.script.TokenRole;
import io.kilowire.core.transport.Pem;
import io.kilowire.emulator.sandbox.SandboxCsms;
import io.kilowire.emulator.sandbox.SandboxTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Sets the sandbox up as a lab would set up its CSMS: the configuration's tokens and passwords, and
 * bidirectional EVs asked to feed back.
 */
public final class SandboxSetup {
  private SandboxSetup() {}

  public static SandboxCsms apply(SandboxCsms csms, LabConfiguration lab) {
    String group = lab.tokens().get(TokenRole.GROUP).idToken();
    String masterGroup = lab.tokens().get(TokenRole.MASTER_PASS_GROUP).idToken();
    Map<String, SandboxTokens.Entry> tokens = new HashMap<>();
    tokens.put(
        lab.tokens().get(TokenRole.VALID).idToken(), new SandboxTokens.Entry("Accepted", group));
    tokens.put(
        lab.tokens().get(TokenRole.VALID2).idToken(), new SandboxTokens.Entry("Accepted", group));
    tokens.put(
        lab.tokens().get(TokenRole.INVALID).idToken(), new SandboxTokens.Entry("Invalid", null));
    tokens.put(
        lab.tokens().get(TokenRole.BLOCKED).idToken(), new SandboxTokens.Entry("Blocked", null));
    tokens.put(
        lab.tokens().get(TokenRole.EXPIRED).idToken(), new SandboxTokens.Entry("Expired", null));
    tokens.put(
        lab.tokens().get(TokenRole.MASTER_PASS).idToken(),
        new SandboxTokens.Entry("Accepted", masterGroup));
    tokens.put(
        lab.tokens().get(TokenRole.CONTRACT).idToken(), new SandboxTokens.Entry("Accepted", null));
    csms.tokens(SandboxTokens.of(tokens));
    Map<String, String> passwords = new HashMap<>();
    for (LabConfiguration.Station s : lab.stations()) {
      if (s.password() != null) {
        passwords.put(s.id(), s.password());
      }
    }
    csms.passwords(passwords);
    io.kilowire.conformance.pki.SigningAuthority authority =
        io.kilowire.conformance.pki.SigningAuthority.create("Kilowire Sandbox CA");
    csms.certificateSigner(authority::sign);
    // A lab's CSMS is set up to have bidirectional EVs feed back (the KW21_Q cases).
    csms.feedBackOnNeeds();
    LabConfiguration.Contracts contracts = lab.contracts();
    if (contracts != null) {
      csms.contractCheck(
          new OcspContractCheck(
              Pem.readCertificates(contracts.rootCertificate()).get(0), lab.timeouts().response()));
    }
    return csms;
  }

  /**
   * A fresh contract root in a temporary folder, for a sandbox run: the sandbox trusts it ({@link
   * #apply}) and the suite issues its contract certificates under it.
   */
  public static LabConfiguration.Contracts freshContracts() {
    try {
      Path dir = Files.createTempDirectory("kilowire-contracts");
      Path[] files = ContractAuthority.writeRoot(dir);
      // deleted in reverse order: the files, then their folder
      dir.toFile().deleteOnExit();
      files[0].toFile().deleteOnExit();
      files[1].toFile().deleteOnExit();
      return new LabConfiguration.Contracts(
          files[0], files[1], LabConfigurationParser.DEFAULT_OCSP_RESPONDER);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
