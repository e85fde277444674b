package io.kilowire.emulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmulatorCliTest {
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return EmulatorCli.execute(new PrintWriter(err, true), args);
  }

  @ParameterizedTest(name = "{0} -> names {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "run --stations 0|--stations",
        "run --stations many|--stations",
        "run --protocol ocpp3|--protocol",
        "run --duration soon|--duration",
        "run --duration 0s|--duration",
        "run --security-profile 4|--security-profile",
        "run --csms http://127.0.0.1:1|--csms",
        "run --csms ws://127.0.0.1:1 --security-profile 2 --password p|--security-profile 2",
        "run --csms ws://127.0.0.1:1 --security-profile 1|--password",
        "run --csms wss://127.0.0.1:1 --security-profile 2 --password 0123456789abcdef|--ca-cert",
        "run --security-profile 2|--csms",
        "run --frobnicate|--frobnicate",
        "run --id-prefix a:b|--id-prefix",
        "run --speed 2 --csms ws://127.0.0.1:1|--speed 2",
        "run --speed max --csms ws://127.0.0.1:1|--speed max",
        "run --speed fast|--speed",
        "run --speed 0|--speed",
        "run --site /nonexistent/site.yaml|--site",
        "run --site pom.xml|--site pom.xml: not valid JSON",
        "run --site scenarios/demo.json --stations 4|--stations does not go with --site",
        "run --token-type MacAddress|--token-type must be one of ISO14443|ISO15693|eMAID",
        "run --ramp fast|--ramp must be stations per second such as 100/s, not 'fast'",
        "run --ramp 0/s|--ramp must be above 0",
        "run --ramp -5|--ramp must be above 0",
        "run --ev-mode sometimes|--ev-mode must be random or none",
        "run --control-port 70000|--control-port must be between 0 and 65535",
        "run --control-port 0 --control-host 0.0.0.0|--control-token is required",
        "run --control-port 0 --control-token|--control-token",
        "run --control-port 0 --speed max|--control-port runs in real time only",
        "run --template no-such-template|--template no-such-template: neither a readable file",
        "run --template ac-wallbox-11kw --stations 2|--stations does not go with --template",
        "run --template ac-wallbox-11kw --protocol ocpp2.0.1|--protocol does not go with --template",
        "run --template pom.xml|--template pom.xml: not valid JSON",
        "run --scenario /nonexistent/s.yaml|--scenario /nonexistent/s.yaml is not a readable file",
        "run --scenario pom.xml|--scenario pom.xml: not valid JSON",
        "run --log-format xml|--log-format must be text or json",
        "run --log-level loud|--log-level must be error, warn, info, debug or trace",
        "run --shard 3|--shard must be K/N",
        "run --shard 11/10 --stations 100|--shard must be K/N",
        "run --shard 1/2 --stations 30000|at most 10000 run in one process",
        "run --shard 1/4 --stations 3|--stations with --shard 1/4 is the whole fleet",
        "run --shard 1/2 --stations 10 --speed max|--shard runs a fleet in real time",
        "bench --speed max|bench measures a fleet in real time",
        "merge /nonexistent/summary.json|/nonexistent/summary.json is not a summary file",
      })
  void aBadFlagExitsWithCodeTwoAndAMessageNamingTheFlag(String args, String flag) {
    int code = run(args.split(" "));

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains(flag);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"--help", "--version", "run --help"})
  void helpAndVersionExitWithZero(String args) {
    // picocli's tracer warns on System.err when a description is not a valid format string
    java.io.PrintStream systemErr = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      assertThat(run(args.split(" "))).isZero();
    } finally {
      System.setErr(systemErr);
    }
    assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("WARN");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "run --stations many|run: Invalid value for option '--stations': 'many' is not an int",
        "run --stations 0|run: --stations must be",
        "run --duration soon|run: Invalid value for option '--duration'",
      })
  void aWrongTypeAndAWrongRangeGetOneLineNamingTheFlagAndOneHint(String args, String first) {
    int code = run(args.split(" "));

    assertThat(code).isEqualTo(2);
    assertThat(err.toString().lines().toList())
        .hasSize(2)
        .satisfies(l -> assertThat(l.get(0)).startsWith(first))
        .satisfies(l -> assertThat(l.get(1)).isEqualTo("Try 'kilowire-emulator run --help'."));
  }
}
