package io.kilowire.core.ocpp.json;

import java.util.Random;

/**
 * Seeds for the schema generator. A fixed base seed keeps CI reproducible; {@code
 * -Dkilowire.schema.seed=N} explores others. Each schema file derives its own seed from the base
 * and its name, so one file's instances do not shift when another file changes.
 */
final class SchemaSeeds {
  static final String PROPERTY = "kilowire.schema.seed";
  static final long DEFAULT_BASE = 20_261_122L;

  private SchemaSeeds() {}

  static long base() {
    String configured = System.getProperty(PROPERTY);
    return configured == null || configured.isBlank() ? DEFAULT_BASE : Long.decode(configured);
  }

  /** The seed for one subject, e.g. a schema file's name. */
  static long seed(String subject) {
    long h = base() * 0x9E3779B97F4A7C15L;
    for (int i = 0; i < subject.length(); i++) {
      h = (h ^ subject.charAt(i)) * 0x100000001B3L;
    }
    return h;
  }

  static Random random(String subject) {
    return new Random(seed(subject));
  }

  /** How to replay a failure, for assertion messages. */
  static String replay(String subject) {
    return "[seed "
        + seed(subject)
        + " for "
        + subject
        + "; replay with -D"
        + PROPERTY
        + "="
        + base()
        + "] ";
  }
}
