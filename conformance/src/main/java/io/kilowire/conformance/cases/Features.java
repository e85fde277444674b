package io.kilowire.conformance.cases;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When a case applies, in terms of the optional features a lab declares (Part 5's CSMS feature ids
 * such as {@code C-44} and answers to its PICS questions such as {@code AQ-6}).
 */
public sealed interface Features {
  /** Whether a CSMS declaring {@code declared} has to pass the case. */
  boolean hold(Set<String> declared);

  /** Always applies. */
  static Features none() {
    return new AnyOf(List.of());
  }

  static Features has(String id) {
    return new Has(id);
  }

  static Features not(String id) {
    return new Not(new Has(id));
  }

  static Features anyOf(Features... options) {
    return new AnyOf(Arrays.asList(options));
  }

  record Has(String id) implements Features {
    @Override
    public boolean hold(Set<String> declared) {
      return declared.contains(id);
    }

    @Override
    public String toString() {
      return id;
    }
  }

  record Not(Features inner) implements Features {
    @Override
    public boolean hold(Set<String> declared) {
      return !inner.hold(declared);
    }

    @Override
    public String toString() {
      return "not " + inner;
    }
  }

  /** Any of the options; no options at all: always. */
  record AnyOf(List<Features> options) implements Features {
    public AnyOf {
      options = List.copyOf(options);
    }

    @Override
    public boolean hold(Set<String> declared) {
      return options.isEmpty() || options.stream().anyMatch(o -> o.hold(declared));
    }

    @Override
    public String toString() {
      return options.stream().map(Object::toString).collect(Collectors.joining(" or "));
    }
  }
}
