package io.kilowire.core.hal;

import java.time.Duration;

/**
 * Settings of one {@link PilotController}; build with {@link #builder()}, whose defaults are
 * documented on each setter.
 */
public record PilotConfig(
    PauseMode pauseMode,
    double resumeHysteresisA,
    Duration minPauseTime,
    Duration raiseInterval,
    Duration responseWindow,
    double overcurrentToleranceA,
    double overcurrentTolerancePercent,
    Duration openUnderLoadAfter,
    int phases,
    boolean phaseSwitchingSupported,
    Duration phaseSwitchWaitForB,
    Duration phaseSwitchReconnectDelay,
    Duration phaseSwitchReconnectDelayAfterLoadOpen) {

  public PilotConfig {
    if (phases != 1 && phases != 3) {
      throw new IllegalArgumentException("phases must be 1 or 3: " + phases);
    }
    if (resumeHysteresisA < 0 || overcurrentToleranceA < 0 || overcurrentTolerancePercent < 0) {
      throw new IllegalArgumentException("hysteresis and tolerances must not be negative");
    }
  }

  public static PilotConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.pauseMode = pauseMode;
    b.resumeHysteresisA = resumeHysteresisA;
    b.minPauseTime = minPauseTime;
    b.raiseInterval = raiseInterval;
    b.responseWindow = responseWindow;
    b.overcurrentToleranceA = overcurrentToleranceA;
    b.overcurrentTolerancePercent = overcurrentTolerancePercent;
    b.openUnderLoadAfter = openUnderLoadAfter;
    b.phases = phases;
    b.phaseSwitchingSupported = phaseSwitchingSupported;
    b.phaseSwitchWaitForB = phaseSwitchWaitForB;
    b.phaseSwitchReconnectDelay = phaseSwitchReconnectDelay;
    b.phaseSwitchReconnectDelayAfterLoadOpen = phaseSwitchReconnectDelayAfterLoadOpen;
    return b;
  }

  /** Builder with the defaults below. */
  public static final class Builder {
    private PauseMode pauseMode = PauseMode.CONSTANT_HIGH;
    private double resumeHysteresisA = 1.0;
    private Duration minPauseTime = Duration.ofSeconds(60);
    private Duration raiseInterval = Duration.ofSeconds(5);
    private Duration responseWindow = Duration.ofSeconds(5);
    private double overcurrentToleranceA = 1.0;
    private double overcurrentTolerancePercent = 10.0;
    private Duration openUnderLoadAfter = Duration.ofSeconds(6);
    private int phases = 3;
    private boolean phaseSwitchingSupported;
    private Duration phaseSwitchWaitForB = Duration.ofSeconds(6);
    private Duration phaseSwitchReconnectDelay = Duration.ofSeconds(45);
    private Duration phaseSwitchReconnectDelayAfterLoadOpen = Duration.ofSeconds(60);

    private Builder() {}

    /** Default {@link PauseMode#CONSTANT_HIGH}. */
    public Builder pauseMode(PauseMode v) {
      pauseMode = v;
      return this;
    }

    /** A pause ends at once only at 6 A + this; default 1 A. */
    public Builder resumeHysteresisA(double v) {
      resumeHysteresisA = v;
      return this;
    }

    /** After this long paused, 6 A suffices to resume; default 60 s. */
    public Builder minPauseTime(Duration v) {
      minPauseTime = v;
      return this;
    }

    /** At most one raise per interval; default 5 s. */
    public Builder raiseInterval(Duration v) {
      raiseInterval = v;
      return this;
    }

    /**
     * How long an EV may exceed the signalled current before it is stopped; default 5 s. The 5 s is
     * the commonly cited J1772 / IEC 61851-1 EV response time to a lower duty cycle, <b>not
     * verified</b> against the standard's text (SPEC-FACTS E.3, H.3): set it to what the norm or
     * the EVs in the field require.
     */
    public Builder responseWindow(Duration v) {
      responseWindow = v;
      return this;
    }

    /** Absolute over-current tolerance; default 1 A (the larger of the two tolerances applies). */
    public Builder overcurrentToleranceA(double v) {
      overcurrentToleranceA = v;
      return this;
    }

    /** Relative over-current tolerance; default 10 %. */
    public Builder overcurrentTolerancePercent(double v) {
      overcurrentTolerancePercent = v;
      return this;
    }

    /** Open the contactor under load this long after a pause if the EV stays in C; 6 s (E.3). */
    public Builder openUnderLoadAfter(Duration v) {
      openUnderLoadAfter = v;
      return this;
    }

    /** Phases wired and in use at start, 1 or 3; default 3. */
    public Builder phases(int v) {
      phases = v;
      return this;
    }

    /** The hardware has a phase contactor; default false. */
    public Builder phaseSwitchingSupported(boolean v) {
      phaseSwitchingSupported = v;
      return this;
    }

    /** Phase switch step 2: wait for B at most this long; default 6 s (E.5). */
    public Builder phaseSwitchWaitForB(Duration v) {
      phaseSwitchWaitForB = v;
      return this;
    }

    /** Phase switch step 5: reconnect the CP after this; default 45 s (E.5). */
    public Builder phaseSwitchReconnectDelay(Duration v) {
      phaseSwitchReconnectDelay = v;
      return this;
    }

    /** Step 5 when the contactor opened under load; default 60 s (E.5). */
    public Builder phaseSwitchReconnectDelayAfterLoadOpen(Duration v) {
      phaseSwitchReconnectDelayAfterLoadOpen = v;
      return this;
    }

    public PilotConfig build() {
      return new PilotConfig(
          pauseMode,
          resumeHysteresisA,
          minPauseTime,
          raiseInterval,
          responseWindow,
          overcurrentToleranceA,
          overcurrentTolerancePercent,
          openUnderLoadAfter,
          phases,
          phaseSwitchingSupported,
          phaseSwitchWaitForB,
          phaseSwitchReconnectDelay,
          phaseSwitchReconnectDelayAfterLoadOpen);
    }
  }
}
