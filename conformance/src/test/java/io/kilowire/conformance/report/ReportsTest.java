package io.kilowire.conformance.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.run.CaseResult;
import io.kilowire.conformance.run.Phase;
import io.kilowire.conformance.run.StepRecord;
import io.kilowire.conformance.run.Verdict;
import io.kilowire.conformance.script.Json;
import io.kilowire.conformance.script.Verbs;
import io.kilowire.conformance.wire.StationSide;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class ReportsTest {
  static ConformanceCase kase(String id) {
    return ConformanceCase.v201(id, "title of " + id)
        .requirements("B01.FR.02")
        .main(Verbs.disconnect());
  }

  static final String OBSERVED = "[3,\"kw1\",{\"status\":\"Accepted\"}]";

  static CaseResult result(String id, Verdict verdict, String reason) {
    return new CaseResult(
        kase(id),
        verdict,
        reason,
        verdict == Verdict.FAIL ? "B01.FR.02" : "",
        verdict == Verdict.FAIL ? OBSERVED : null,
        verdict == Verdict.PASS ? null : Phase.MAIN,
        "CP-1",
        List.of(
            new StepRecord("send BootNotification", 0, Phase.MAIN, StepRecord.Outcome.DONE, "")),
        List.of(
            new StationSide.WireFrame(Instant.EPOCH, false, "[2,\"kw1\",\"Heartbeat\",{}]", 1),
            new StationSide.WireFrame(Instant.EPOCH, true, "[3,\"kw1\",{\"x\":\"<&>\"}]", 1)),
        Duration.ofMillis(1200));
  }

  final List<CaseResult> results =
      List.of(
          result("TC_B_01_CSMS", Verdict.PASS, ""),
          result("TC_B_02_CSMS", Verdict.FAIL, "status: expected Pending, got \"Accepted\""),
          result("TC_E_21_CSMS", Verdict.ERROR, "driver failed"),
          result("TC_F_01_CSMS", Verdict.INCONCLUSIVE, "no call"),
          CaseResult.notApplicable(kase("TC_K_10_CSMS"), "needs SC-4"));

  final RunInfo run = new RunInfo("ws://127.0.0.1:9000/", "ocpp2.0.1", "prompt", Instant.EPOCH);

  @Test
  void junitXmlHasATestcasePerCaseWithItsOutcome(@TempDir Path dir) throws Exception {
    Reports.write(dir, run, results);

    Document xml =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(dir.resolve("junit.xml").toFile());
    var cases = xml.getElementsByTagName("testcase");
    assertThat(cases.getLength()).isEqualTo(5);
    Element first = (Element) cases.item(0);
    assertThat(first.getAttribute("name")).isEqualTo("TC_B_01_CSMS");
    assertThat(first.getAttribute("classname")).isEqualTo("ocpp2.0.1.B");
    assertThat(first.getChildNodes().getLength()).isZero();
    assertThat(((Element) cases.item(1)).getElementsByTagName("failure").getLength()).isOne();
    assertThat(((Element) cases.item(2)).getElementsByTagName("error").getLength()).isOne();
    assertThat(((Element) cases.item(3)).getElementsByTagName("error").getLength()).isOne();
    assertThat(((Element) cases.item(4)).getElementsByTagName("skipped").getLength()).isOne();
    Element suite = (Element) xml.getElementsByTagName("testsuite").item(0);
    assertThat(suite.getAttribute("failures")).isEqualTo("1");
    assertThat(suite.getAttribute("errors")).isEqualTo("2");
    assertThat(suite.getAttribute("skipped")).isEqualTo("1");
  }

  @Test
  void resultsJsonListsEachCaseWithTheDocumentedFields(@TempDir Path dir) throws Exception {
    Reports.write(dir, run, results);

    JsonNode json = Json.parse(Files.readString(dir.resolve("results.json")));
    JsonNode failed = json.get("cases").get(1);
    assertThat(failed.get("id").asText()).isEqualTo("TC_B_02_CSMS");
    assertThat(failed.get("title").asText()).isEqualTo("title of TC_B_02_CSMS");
    assertThat(failed.get("verdict").asText()).isEqualTo("FAIL");
    assertThat(failed.get("reason").asText())
        .isEqualTo("status: expected Pending, got \"Accepted\"");
    assertThat(failed.get("requirements").get(0).asText()).isEqualTo("B01.FR.02");
    assertThat(failed.get("failedRequirement").asText()).isEqualTo("B01.FR.02");
    assertThat(failed.get("observed").asText()).isEqualTo(OBSERVED);
    assertThat(json.get("cases").get(0).has("observed")).isFalse();
  }

  @Test
  void aFailureInJunitXmlNamesTheRequirementAndTheObservedFrame(@TempDir Path dir)
      throws Exception {
    Reports.write(dir, run, results);

    Document xml =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(dir.resolve("junit.xml").toFile());
    String failure = xml.getElementsByTagName("failure").item(0).getTextContent();
    assertThat(failure)
        .contains("status: expected Pending")
        .contains("requirement: B01.FR.02")
        .contains("observed frame: " + OBSERVED);
  }

  @Test
  void reportHtmlSummarizesAndShowsTheWireEscaped(@TempDir Path dir) throws Exception {
    Reports.write(dir, run, results);

    String html = Files.readString(dir.resolve("report.html"));
    assertThat(html)
        .contains("Summary by block", "Summary by certification profile")
        .contains("id=\"TC_E_21_CSMS\"")
        .contains("{&quot;x&quot;:&quot;&lt;&amp;&gt;&quot;}")
        .doesNotContain("\"<&>\"");
  }
}
