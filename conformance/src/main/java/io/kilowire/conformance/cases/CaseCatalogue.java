package io.kilowire.conformance.cases;

import io.kilowire.conformance.cases.v16.V16Cases;
import io.kilowire.conformance.cases.v201.V201Cases;
import io.kilowire.conformance.cases.v21.V21Cases;
import io.kilowire.conformance.script.Step;
import io.kilowire.core.ocpp.OcppVersion;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every CSMS case id of the two OCA documents (OCPP 2.0.1 Part 6, edition 3; the OCTT 1.6 test-case
 * document, 2026 revision), the cases the suite has, and for the rest why not yet. OCPP 2.1 has no
 * such document: its cases are the 2.0.1 ones 2.1 kept and Kilowire's own ({@link V21Cases}).
 */
public final class CaseCatalogue {
  /** A case id of the documents the suite does not run yet, and why. */
  public record NotYet(String id, OcppVersion version, String group, String reason) {}

  /** The 2.0.1 CSMS case ids of Part 6 by block, in document order. */
  static final Map<String, List<String>> V201_IDS =
      Map.ofEntries(
          Map.entry("A", ids("A", "01 02 03 04 06 07 08 09 10 11 12 13 14 19")),
          Map.entry(
              "B", ids("B", "01 02 30 31 06 07 08 09 10 12 13 14 18 20 21 22 25 26 27 42 44 58")),
          Map.entry("C", ids("C", "02 06 07 08 20 37 38 39 40 43 47 48 49 50 51 52")),
          Map.entry("D", ids("D", "01 02 03 04 08 09")),
          Map.entry(
              "E",
              ids(
                  "E",
                  "01 02 03 04 39 14 20 15 21 09 10 11 12 38 07 08 16 17 22 19 26 29 30 31 33 34"
                      + " 53")),
          Map.entry("F", ids("F", "01 02 03 04 06 11 12 13 14 15 18 20 23 24 27")),
          Map.entry("G", ids("G", "03 04 05 06 07 08 11 14 17 20")),
          Map.entry("H", ids("H", "01 07 08 14 15 17 19 20 22")),
          Map.entry("I", ids("I", "01 02")),
          Map.entry("J", ids("J", "01 02 03 04 07 08 09 10 11")),
          Map.entry(
              "K",
              ids(
                  "K",
                  "01 02 03 04 05 06 08 10 15 19 29 30 31 32 33 34 35 36 60 37 43 44 48 50 51 52"
                      + " 53 55 57 58 59 70")),
          Map.entry("L", ids("L", "01 02 03 04 05 06 07 08 09 10 11 13 17 24 19 20 21 22 23")),
          Map.entry("M", ids("M", "01 02 03 04 05 12 13 14 15 16 17 18 19 20 21 24 26 28")),
          Map.entry(
              "N",
              ids(
                  "N",
                  "01 02 03 60 05 08 09 16 17 18 21 24 25 27 28 29 30 31 32 62 63 34 35 36 44 46 47"
                      + " 48 49 50")),
          // Part 6 prints TC_O_11_CSMS as TC_0_11_CSMS (a zero for the O).
          Map.entry(
              "O", ids("O", "01 02 03 04 05 06 07 08 09 10 11 12 13 14 17 18 19 25 26 27 28")),
          Map.entry("P", ids("P", "02 03")));

  /**
   * Why the blocks a later issue covers are not run yet: every block has its cases now (the ids
   * still missing are listed as "in scope; not written yet").
   */
  static final Map<String, String> V201_LATER = Map.of();

  /** The 77 1.6 Central System case ids with their feature profile. */
  static final Map<String, Profile> V16_IDS = v16Ids();

  private CaseCatalogue() {}

  /** The cases the suite runs for {@code version}. */
  public static List<ConformanceCase> cases(OcppVersion version) {
    return switch (version) {
      case V16 -> V16Cases.all();
      case V201 -> V201Cases.all();
      case V21 -> V21Cases.all();
    };
  }

  /** The cases of both versions. */
  public static List<ConformanceCase> all() {
    List<ConformanceCase> all = new ArrayList<>(V201Cases.all());
    all.addAll(V16Cases.all());
    return all;
  }

  /** The steps that end a transaction a case left running. */
  public static List<Step> cleanup(OcppVersion version) {
    return switch (version) {
      case V16 -> V16Cases.cleanup();
      case V201 -> V201Cases.cleanup();
      case V21 -> V21Cases.cleanup();
    };
  }

  /** The ids of the documents the suite does not run yet, with the reason. */
  public static List<NotYet> notYet(OcppVersion version) {
    Set<String> have = new HashSet<>();
    for (ConformanceCase c : cases(version)) {
      have.add(c.id());
    }
    List<NotYet> out = new ArrayList<>();
    if (version == OcppVersion.V201) {
      for (String block :
          List.of("A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P")) {
        for (String id : V201_IDS.get(block)) {
          if (!have.contains(id)) {
            out.add(
                new NotYet(
                    id,
                    version,
                    block,
                    V201_LATER.getOrDefault(block, "in scope; not written yet")));
          }
        }
      }
    } else if (version == OcppVersion.V21) {
      // No 2.1 document: the 2.0.1 ids not played on 2.1 as written.
      for (Map.Entry<String, String> e :
          new java.util.TreeMap<>(V21Cases.NOT_CARRIED_OVER).entrySet()) {
        out.add(new NotYet(e.getKey(), version, e.getKey().substring(3, 4), e.getValue()));
      }
    } else {
      for (Map.Entry<String, Profile> e : V16_IDS.entrySet()) {
        if (!have.contains(e.getKey())) {
          Profile p = e.getValue();
          String reason = "in scope; not written yet";
          out.add(new NotYet(e.getKey(), version, p.key(), reason));
        }
      }
      out.sort((a, b) -> a.id().compareTo(b.id()));
    }
    return out;
  }

  private static List<String> ids(String block, String numbers) {
    List<String> out = new ArrayList<>();
    for (String n : numbers.trim().split("\\s+")) {
      out.add("TC_" + block + "_" + n + "_CSMS");
    }
    return List.copyOf(out);
  }

  private static Map<String, Profile> v16Ids() {
    Map<String, Profile> m = new java.util.TreeMap<>();
    for (String n :
        ("001 003 004_1 004_2 005_1 007 010 011_1 011_2 012 013 014 017_1 017_2 018_1 019_1"
                + " 019_2 021 023_1 023_2 023_3 024 026 028 030 031 032_1 037_1 037_3 039 040_1"
                + " 040_2 061 064")
            .split(" ")) {
      m.put("TC_" + n + "_CSMS", Profile.CORE);
    }
    for (String n : "042_1 042_2 043_1 043_3 043_4 043_5".split(" ")) {
      m.put("TC_" + n + "_CSMS", Profile.LOCAL_AUTH_LIST);
    }
    for (String n : "044_1 044_2 044_3 045_1 045_2".split(" ")) {
      m.put("TC_" + n + "_CSMS", Profile.FIRMWARE_MANAGEMENT);
    }
    for (String n : "046 047 048_1 048_2 048_3 048_4 049 051 052 053".split(" ")) {
      m.put("TC_" + n + "_CSMS", Profile.RESERVATION);
    }
    for (String n : "054 055".split(" ")) {
      m.put("TC_" + n + "_CSMS", Profile.REMOTE_TRIGGER);
    }
    for (String n : "056 057 059 066 067".split(" ")) {
      m.put("TC_" + n + "_CSMS", Profile.SMART_CHARGING);
    }
    for (String n : "073 074 075_1 075_2 076 077 078 079 080 081 083 085 086 087 088".split(" ")) {
      m.put("TC_" + n + "_CSMS", Profile.SECURITY);
    }
    return java.util.Collections.unmodifiableMap(m);
  }
}
