package io.kilowire.conformance.report;

import io.kilowire.conformance.run.CaseResult;
import io.kilowire.conformance.run.Verdict;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code junit.xml}: one {@code <testcase name="TC_B_01_CSMS" classname="ocpp2.0.1.B">} per case
 * run; FAIL is a {@code <failure>}, ERROR and INCONCLUSIVE an {@code <error>}, NOT_APPLICABLE a
 * {@code <skipped>}, so any CI shows the run as it shows unit tests.
 */
public final class JunitXml {
  private JunitXml() {}

  public static void write(Path file, String suiteName, List<CaseResult> results)
      throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(out, "UTF-8");
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.writeStartElement("testsuites");
      xml.writeAttribute("name", "kilowire-conformance");
      xml.writeCharacters("\n");
      xml.writeStartElement("testsuite");
      xml.writeAttribute("name", suiteName);
      xml.writeAttribute("tests", String.valueOf(results.size()));
      xml.writeAttribute("failures", String.valueOf(count(results, Verdict.FAIL)));
      xml.writeAttribute(
          "errors",
          String.valueOf(count(results, Verdict.ERROR) + count(results, Verdict.INCONCLUSIVE)));
      xml.writeAttribute("skipped", String.valueOf(count(results, Verdict.NOT_APPLICABLE)));
      xml.writeAttribute(
          "time",
          seconds(
              results.stream().map(CaseResult::duration).reduce(Duration.ZERO, Duration::plus)));
      xml.writeCharacters("\n");
      for (CaseResult r : results) {
        xml.writeCharacters("  ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("name", r.kase().id());
        xml.writeAttribute("classname", r.kase().className());
        xml.writeAttribute("time", seconds(r.duration()));
        switch (r.verdict()) {
          case FAIL -> outcome(xml, "failure", r);
          case ERROR, INCONCLUSIVE -> outcome(xml, "error", r);
          case NOT_APPLICABLE -> {
            xml.writeStartElement("skipped");
            xml.writeAttribute("message", r.reason());
            xml.writeEndElement();
          }
          case PASS -> {}
        }
        xml.writeEndElement();
        xml.writeCharacters("\n");
      }
      xml.writeEndElement();
      xml.writeCharacters("\n");
      xml.writeEndElement();
      xml.writeCharacters("\n");
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static void outcome(XMLStreamWriter xml, String element, CaseResult r)
      throws XMLStreamException {
    xml.writeStartElement(element);
    xml.writeAttribute("type", r.verdict().name());
    xml.writeAttribute("message", r.reason());
    StringBuilder text = new StringBuilder(r.verdict().name()).append(": ").append(r.reason());
    if (!r.requirement().isEmpty()) {
      text.append("\nrequirement: ").append(r.requirement());
    }
    if (r.observed() != null) {
      text.append("\nobserved frame: ").append(r.observed());
    }
    if (!r.kase().requirements().isEmpty()) {
      text.append("\ncase requirements: ").append(String.join(", ", r.kase().requirements()));
    }
    xml.writeCharacters(text.toString());
    xml.writeEndElement();
  }

  private static long count(List<CaseResult> results, Verdict v) {
    return results.stream().filter(r -> r.verdict() == v).count();
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.3f", d.toMillis() / 1000.0);
  }
}
