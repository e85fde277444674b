package io.kilowire.emulator.cli;

import io.kilowire.emulator.cli.EmulatorCli.UsageException;

/**
 * {@code --shard K/N}: this process runs the K-th of N equal, contiguous parts of the fleet, so
 * that N processes (or machines) with the same {@code --stations} run disjoint station ids: with
 * {@code --stations 100000 --shard 3/10}, stations 20001 to 30000.
 */
record Shard(int index, int count) {
  /** The whole fleet in one process. */
  static final Shard WHOLE = new Shard(1, 1);

  Shard {
    if (count < 1 || index < 1 || index > count) {
      throw new IllegalArgumentException("shard " + index + "/" + count);
    }
  }

  /** Reads {@code K/N} with {@code 1 <= K <= N}. */
  static Shard parse(String text) {
    int slash = text.indexOf('/');
    try {
      if (slash > 0) {
        int k = Integer.parseInt(text.substring(0, slash).trim());
        int n = Integer.parseInt(text.substring(slash + 1).trim());
        if (n >= 1 && k >= 1 && k <= n) {
          return new Shard(k, n);
        }
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(
        "--shard must be K/N with 1 <= K <= N (this process runs the K-th of N parts), not '"
            + text
            + "'");
  }

  /** The first station number (1-based) of this part of a fleet of {@code stations}. */
  int first(int stations) {
    return (int) ((long) stations * (index - 1) / count) + 1;
  }

  /** The last station number of this part; below {@link #first} when the part is empty. */
  int last(int stations) {
    return (int) ((long) stations * index / count);
  }

  int size(int stations) {
    return last(stations) - first(stations) + 1;
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }
}
