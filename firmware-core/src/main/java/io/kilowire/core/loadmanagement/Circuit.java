package io.kilowire.core.loadmanagement;

import org.jspecify.annotations.Nullable;

/**
 * A node of the site's protection tree below the main fuse (a sub-distribution board, a feeder, a
 * breaker): the EVSEs under it together never exceed {@code limitA} on any phase.
 *
 * @param id unique within the site
 * @param parent the circuit above; null = directly under the main fuse
 * @param limitA per phase
 */
public record Circuit(String id, @Nullable String parent, double limitA) {
  public Circuit {
    if (id.isBlank()) {
      throw new IllegalArgumentException("circuit id must not be blank");
    }
    if (!(limitA >= 0) || !Double.isFinite(limitA)) {
      throw new IllegalArgumentException("circuit " + id + ": limitA must be finite and >= 0");
    }
  }
}
