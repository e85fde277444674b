package io.kilowire.conformance.script;

/** Keeps the value at {@code path} of a received payload as the case variable {@code variable}. */
public record Capture(String path, String variable) {}
