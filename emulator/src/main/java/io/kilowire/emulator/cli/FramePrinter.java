package io.kilowire.emulator.cli;

import io.kilowire.core.transport.FrameObserver;

/** {@code --show-frames}: every frame of a station on the console, → sent, ← received. */
final class FramePrinter implements FrameObserver {
  private final Console console;
  private final String station;

  FramePrinter(Console console, String station) {
    this.console = console;
    this.station = station;
  }

  @Override
  public void sending(String frame) {
    console.line(station, "→ " + frame);
  }

  @Override
  public void notSent(String frame) {
    console.line(station, "✗ not sent (no connection): " + frame);
  }

  @Override
  public void received(String frame) {
    console.line(station, "← " + frame);
  }
}
