package io.kilowire.conformance.script;

/** The tokens a lab configures, by the part they play in the cases. */
public enum TokenRole {
  VALID("valid"),
  /** A second valid token in the same group as {@link #VALID}. */
  VALID2("valid2"),
  INVALID("invalid"),
  BLOCKED("blocked"),
  EXPIRED("expired"),
  /** The group id of {@link #VALID} and {@link #VALID2}. */
  GROUP("group"),
  /** A token whose group is the station's MasterPassGroupId. */
  MASTER_PASS("masterPass"),
  /** The MasterPassGroupId. */
  MASTER_PASS_GROUP("masterPassGroup"),
  /** The eMAID of the ISO 15118 contract certificate the C07 cases present; accepted. */
  CONTRACT("contract");

  private final String key;

  TokenRole(String key) {
    this.key = key;
  }

  /** Its name in the configuration file's {@code tokens} object. */
  public String key() {
    return key;
  }
}
