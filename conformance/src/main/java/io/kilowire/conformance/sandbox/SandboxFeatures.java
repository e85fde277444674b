package io.kilowire.conformance.sandbox;

import java.util.Set;

/** The optional CSMS features (Part 5 ids) the built-in sandbox has, declared for its runs. */
public final class SandboxFeatures {
  /**
   * C-44 BootNotification Pending (on request through its driver), C-45 / C-46 several elements per
   * Get/SetVariablesRequest, C-17 and C-50.2 base reports, C-13 reset per EVSE. Answers to PICS
   * questions are "no" unless listed.
   */
  public static final Set<String> ALL =
      Set.of(
          "C-44", "C-45", "C-46", "C-17", "C-50.2", "C-13", "C-16", "C-11", "C-29.1", "C-29.2",
          "C-29.3", "C-29.4", "C-29.5", "LA-2", "SC-4", "ISO-3");

  private SandboxFeatures() {}
}
