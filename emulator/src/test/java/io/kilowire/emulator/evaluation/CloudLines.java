package io.kilowire.emulator.evaluation;

import java.util.Locale;
import java.util.Random;

/** Random passing clouds as the lines of a site file's {@code pv.clouds} list, for seeded days. */
final class CloudLines {
  private CloudLines() {}

  /**
   * Clouds from {@code minute} of the day until {@code lastMinute}: each lasts {@code minLength} +
   * up to {@code lengthSpread} minutes, lets {@code minShare} + up to {@code shareSpread} of the
   * sun through, and is followed by {@code minGap} + up to {@code gapSpread} clear minutes.
   */
  static void append(
      StringBuilder yaml,
      Random r,
      int minute,
      int lastMinute,
      int minLength,
      int lengthSpread,
      double minShare,
      double shareSpread,
      int minGap,
      int gapSpread) {
    while (minute < lastMinute) {
      int length = minLength + r.nextInt(lengthSpread);
      yaml.append(
          String.format(
              Locale.ROOT,
              "    - {from: \"%02d:%02d\", until: \"%02d:%02d\", share: %.2f}%n",
              minute / 60,
              minute % 60,
              (minute + length) / 60,
              (minute + length) % 60,
              minShare + r.nextDouble() * shareSpread));
      minute += length + minGap + r.nextInt(gapSpread);
    }
  }
}
