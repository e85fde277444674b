package io.kilowire.conformance.cases;

import io.kilowire.conformance.script.Step;
import io.kilowire.conformance.script.Verbs;
import io.kilowire.core.ocpp.OcppVersion;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One conformance case, as a value: the OCA test-case id, a title of our own, the use cases and
 * requirements it checks, its certification profile, the features that make it apply, the security
 * profiles it needs a station of, and its script: {@code before} brings the station into the case's
 * starting state (Part 6 "Before"), {@code main} is the scenario itself. A case FAILs "in its
 * scenario" only when a step of {@code main} fails.
 *
 * @param group the functional block (2.0.1: "B") or feature profile (1.6: "Core") it is filed under
 * @param securityProfiles the station security profiles it can run on; empty = any
 * @param minEvses how many EVSEs the configuration must have
 * @param needs what else the lab must provide ({@link Need})
 * @param connectsItself whether the scenario opens the connection itself (connection-level cases:
 *     the runner does not connect first)
 */
public record ConformanceCase(
    String id,
    String title,
    OcppVersion version,
    String group,
    List<String> useCases,
    List<String> requirements,
    Profile profile,
    Features features,
    Set<Integer> securityProfiles,
    int minEvses,
    Set<Need> needs,
    boolean connectsItself,
    List<Step> before,
    List<Step> main) {

  /** What a case needs of the lab beyond features and stations of a security profile. */
  public enum Need {
    /** A wss:// CSMS (its TLS endpoint is inspected or used). */
    TLS("a wss:// CSMS URL"),
    /** An ISO 15118 contract root the CSMS trusts, for the suite's contract certificates. */
    CONTRACTS("a contract root the CSMS trusts (contracts in the configuration)");

    private final String description;

    Need(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }
  }

  public ConformanceCase {
    Objects.requireNonNull(id, "id");
    useCases = List.copyOf(useCases);
    requirements = List.copyOf(requirements);
    securityProfiles = Set.copyOf(securityProfiles);
    needs = Set.copyOf(needs);
    before = List.copyOf(before);
    main = List.copyOf(main);
    if (main.isEmpty()) {
      throw new IllegalArgumentException(id + " has no scenario");
    }
  }

  /** {@code ocpp2.0.1.B}: how junit.xml names the case's class. */
  public String className() {
    return version.subprotocol() + "." + group;
  }

  /**
   * This case played on {@code other}: the same id, group and script, filed under {@code other}
   * (the 2.1 run of a 2.0.1 case, whose messages 2.1 kept).
   */
  public ConformanceCase on(OcppVersion other) {
    return new ConformanceCase(
        id,
        title,
        other,
        group,
        useCases,
        requirements,
        profile,
        features,
        securityProfiles,
        minEvses,
        needs,
        connectsItself,
        before,
        main);
  }

  /** Starts an OCPP 2.0.1 case; its block is the letter after {@code TC_}. */
  public static Builder v201(String id, String title) {
    if (!id.matches("TC_[A-P]_\\d{2}_CSMS")) {
      throw new IllegalArgumentException("not a 2.0.1 CSMS case id: " + id);
    }
    return new Builder(id, title, OcppVersion.V201, id.substring(3, 4));
  }

  /**
   * Starts one of Kilowire's own OCPP 2.1 cases, {@code KW21_<block>_<nn>_CSMS} (the OCA has
   * published no 2.1 CSMS cases to take an id from); it is filed under its block.
   */
  public static Builder v21(String id, String title) {
    if (!id.matches("KW21_[A-R]_\\d{2}_CSMS")) {
      throw new IllegalArgumentException("not a Kilowire 2.1 CSMS case id: " + id);
    }
    return new Builder(id, title, OcppVersion.V21, id.substring(5, 6));
  }

  /** Starts an OCPP 1.6 case filed under its feature profile. */
  public static Builder v16(String id, String title, Profile profile) {
    if (!id.matches("TC_\\d{3}(_\\d)?_CSMS")) {
      throw new IllegalArgumentException("not a 1.6 CSMS case id: " + id);
    }
    return new Builder(id, title, OcppVersion.V16, profile.key()).profile(profile);
  }

  /** Builds a case; defaults: profile Core, no features, any security profile, no "before". */
  public static final class Builder {
    private final String id;
    private final String title;
    private final OcppVersion version;
    private final String group;
    private List<String> useCases = List.of();
    private List<String> requirements = List.of();
    private Profile profile = Profile.CORE;
    private Features features = Features.none();
    private Set<Integer> securityProfiles = Set.of();
    private int minEvses = 1;
    private Set<Need> needs = Set.of();
    private boolean connectsItself;
    private List<Step> preamble = List.of();
    private List<Step> before = List.of();

    private Builder(String id, String title, OcppVersion version, String group) {
      this.id = id;
      this.title = title;
      this.version = version;
      this.group = group;
    }

    public Builder useCases(String... ids) {
      this.useCases = List.of(ids);
      return this;
    }

    public Builder requirements(String... ids) {
      this.requirements = List.of(ids);
      return this;
    }

    public Builder profile(Profile p) {
      this.profile = p;
      return this;
    }

    public Builder features(Features f) {
      this.features = f;
      return this;
    }

    public Builder securityProfiles(Integer... profiles) {
      this.securityProfiles = Set.of(profiles);
      return this;
    }

    /** The lab must provide these. */
    public Builder needs(Need... what) {
      this.needs = Set.of(what);
      return this;
    }

    /** The case looks at the CSMS's TLS endpoint: it needs a wss:// CSMS and connects itself. */
    public Builder ownTlsConnection() {
      return needs(Need.TLS).connectsItself();
    }

    /** The scenario opens the connection itself; the case starts unconnected and unbooted. */
    public Builder connectsItself() {
      this.connectsItself = true;
      this.preamble = List.of();
      return this;
    }

    /** The case needs at least {@code count} EVSEs (e.g. two transactions at once). */
    public Builder evses(int count) {
      this.minEvses = count;
      return this;
    }

    /**
     * What every case of a version does first (connecting aside): the Booted state. Set by the
     * version's case classes; {@link #unbooted()} drops it for cases whose scenario is the boot.
     */
    public Builder preamble(List<Step> steps) {
      this.preamble = List.copyOf(steps);
      return this;
    }

    /** The case starts connected but not booted: its scenario boots (or refuses to). */
    public Builder unbooted() {
      this.preamble = List.of();
      return this;
    }

    /** The starting state: steps and lists of steps. */
    public Builder before(Object... steps) {
      this.before = Verbs.steps(steps);
      return this;
    }

    /** The scenario, and the finished case. */
    public ConformanceCase main(Object... steps) {
      return new ConformanceCase(
          id,
          title,
          version,
          group,
          useCases,
          requirements,
          profile,
          features,
          securityProfiles,
          minEvses,
          needs,
          connectsItself,
          Verbs.steps(preamble, before),
          Verbs.steps(steps));
    }
  }
}
