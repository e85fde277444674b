package io.kilowire.conformance.sandbox;

import io.kilowire.conformance.lab.LabConfiguration;
import io.kilowire.conformance.script.TokenRole;
import io.kilowire.emulator.sandbox.SandboxCsms;
import io.kilowire.emulator.sandbox.SandboxTokens;
import java.util.HashMap;
import java.util.Map;

/** Sets the sandbox up as a lab would set up its CSMS: the configuration's tokens and passwords. */
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
    return csms;
  }
}
