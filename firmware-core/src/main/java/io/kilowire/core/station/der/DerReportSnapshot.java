package io.kilowire.core.station.der;

import io.kilowire.core.der.DerControlType;
import io.kilowire.core.der.GridFault;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bytes of the DER reports not yet confirmed by the CSMS (snapshot {@value
 * DerControlRoom#REPORTS_SNAPSHOT}): a header line, then one line per report, oldest first, of
 * tab-separated fields; control ids URL-encoded, as they may hold any character. A snapshot that
 * does not read throws {@link IllegalArgumentException}; the caller starts without the reports.
 */
final class DerReportSnapshot {
  private static final String HEADER = "kilowire-der-reports 1";

  private DerReportSnapshot() {}

  static byte[] write(List<DerControlRoom.Report> reports) {
    StringBuilder out = new StringBuilder(HEADER);
    for (DerControlRoom.Report r : reports) {
      out.append('\n');
      if (r instanceof DerControlRoom.Alarm a) {
        out.append(
            String.join(
                "\t",
                "alarm",
                a.type().name(),
                a.fault().name(),
                Boolean.toString(a.ended()),
                a.at().toString()));
      } else {
        DerControlRoom.StartStop s = (DerControlRoom.StartStop) r;
        List<String> superseded = s.superseded().stream().map(DerReportSnapshot::encode).toList();
        out.append(
            String.join(
                "\t",
                "startStop",
                encode(s.id()),
                Boolean.toString(s.started()),
                s.at().toString(),
                String.join(",", superseded)));
      }
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  static List<DerControlRoom.Report> read(byte[] data) {
    String[] lines = new String(data, StandardCharsets.UTF_8).split("\n");
    if (!lines[0].equals(HEADER)) {
      throw new IllegalArgumentException("not a DER report snapshot");
    }
    List<DerControlRoom.Report> out = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      String[] f = lines[i].split("\t", -1);
      if (f.length != 5) {
        throw new IllegalArgumentException("line " + i + " has " + f.length + " fields, not 5");
      }
      switch (f[0]) {
        case "alarm" ->
            out.add(
                new DerControlRoom.Alarm(
                    DerControlType.valueOf(f[1]),
                    GridFault.valueOf(f[2]),
                    Boolean.parseBoolean(f[3]),
                    Instant.parse(f[4])));
        case "startStop" ->
            out.add(
                new DerControlRoom.StartStop(
                    decode(f[1]),
                    Boolean.parseBoolean(f[2]),
                    f[4].isEmpty()
                        ? List.of()
                        : Arrays.stream(f[4].split(",")).map(DerReportSnapshot::decode).toList(),
                    Instant.parse(f[3])));
        default -> throw new IllegalArgumentException("line " + i + ": unknown report " + f[0]);
      }
    }
    return out;
  }

  private static String encode(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8);
  }

  private static String decode(String id) {
    return URLDecoder.decode(id, StandardCharsets.UTF_8);
  }
}
