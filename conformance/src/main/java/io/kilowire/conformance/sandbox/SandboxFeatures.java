package io.kilowire.conformance.sandbox;

import java.util.Set;

/** The optional CSMS features (Part 5 ids) the built-in sandbox has, declared for its runs. */
public final class SandboxFeatures {
  /**
   * C-44 BootNotification Pending (on request through its driver); answers to PICS questions are
   * "no" unless listed.
   */
  public static final Set<String> ALL = Set.of("C-44");

  private SandboxFeatures() {}
}
