package io.kilowire.conformance.cli;

import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.cases.Profile;
import io.kilowire.conformance.lab.LabConfiguration;
import io.kilowire.conformance.lab.LabConfigurationException;
import io.kilowire.conformance.lab.LabConfigurationParser;
import io.kilowire.core.ocpp.OcppVersion;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The flags that say which CSMS and which cases: shared by run and list. Flags beat the file. */
final class LabOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "The lab configuration (YAML or JSON); see docs/CONFORMANCE.md.")
  @Nullable Path config;

  @Option(
      names = "--csms",
      paramLabel = "URL",
      description = "The CSMS base URL (ws:// or wss://); the station id is appended.")
  @Nullable String csms;

  @Option(
      names = "--protocol",
      paramLabel = "ocpp1.6|ocpp2.0.1|ocpp2.1",
      description = "The OCPP version to test. Default: the configuration's, else ocpp2.0.1.")
  @Nullable String protocol;

  /** Whether neither a CSMS nor a configuration was given: the built-in sandbox is tested. */
  boolean sandbox() {
    return config == null && csms == null;
  }

  @Nullable OcppVersion protocolFlag() {
    if (protocol == null) {
      return null;
    }
    return switch (protocol) {
      case "ocpp1.6" -> OcppVersion.V16;
      case "ocpp2.0.1" -> OcppVersion.V201;
      case "ocpp2.1" -> OcppVersion.V21;
      default ->
          throw new UsageException(
              "--protocol: expected ocpp1.6, ocpp2.0.1 or ocpp2.1, got " + protocol);
    };
  }

  /**
   * The configuration: the file's with the flags applied, or the defaults for {@code --csms} alone;
   * null in sandbox mode.
   */
  @Nullable LabConfiguration resolve(@Nullable String driverFlag) {
    if (sandbox()) {
      return null;
    }
    OcppVersion version = protocolFlag();
    LabConfiguration lab;
    try {
      if (config != null) {
        lab = LabConfigurationParser.read(config);
      } else {
        lab =
            LabConfigurationParser.defaults(
                csmsUrl(), version == null ? OcppVersion.V201 : version, "prompt", Set.of());
      }
    } catch (LabConfigurationException e) {
      throw new UsageException((config == null ? "" : config + ": ") + e.getMessage());
    }
    if (csms != null) {
      lab = lab.withCsms(csmsUrl());
    }
    if (version != null) {
      lab = lab.withProtocol(version);
    }
    if (driverFlag != null) {
      lab = lab.withDriver(driverFlag);
    }
    return lab;
  }

  private URI csmsUrl() {
    try {
      URI url = new URI(csms == null ? "" : csms);
      if (!"ws".equals(url.getScheme()) && !"wss".equals(url.getScheme())
          || url.getHost() == null) {
        throw new UsageException("--csms: expected a ws:// or wss:// URL, got " + csms);
      }
      return url;
    } catch (URISyntaxException e) {
      throw new UsageException("--csms: not a URL: " + e.getMessage());
    }
  }

  /** The cases whose id matches one of {@code patterns} ({@code TC_B_*}) and profile one listed. */
  static List<ConformanceCase> select(
      List<ConformanceCase> cases,
      @Nullable List<String> patterns,
      @Nullable List<String> profiles) {
    List<ConformanceCase> out = new ArrayList<>(cases);
    if (profiles != null && !profiles.isEmpty()) {
      List<Profile> wanted = new ArrayList<>();
      for (String p : profiles) {
        wanted.add(
            Profile.byKey(p.strip())
                .orElseThrow(
                    () ->
                        new UsageException(
                            "--profiles: unknown profile "
                                + p
                                + "; known: "
                                + String.join(
                                    ", ",
                                    java.util.Arrays.stream(Profile.values())
                                        .map(Profile::key)
                                        .toList()))));
      }
      out.removeIf(c -> !wanted.contains(c.profile()));
    }
    if (patterns != null && !patterns.isEmpty()) {
      List<Pattern> regexes = new ArrayList<>();
      for (String p : patterns) {
        String glob = p.strip();
        Pattern regex = Pattern.compile(glob.replace("*", ".*").replace("?", "."));
        if (cases.stream().noneMatch(c -> regex.matcher(c.id()).matches())) {
          throw new UsageException("--cases: no case matches " + glob);
        }
        regexes.add(regex);
      }
      out.removeIf(c -> regexes.stream().noneMatch(r -> r.matcher(c.id()).matches()));
    }
    return out;
  }
}
