package io.kilowire.core.configuration;

/** Ends a listener registration. */
@FunctionalInterface
public interface Subscription {
  void cancel();
}
