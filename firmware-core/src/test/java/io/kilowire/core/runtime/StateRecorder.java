package io.kilowire.core.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Collects an {@link OcppClient}'s states for assertions; safe to read from the test thread. */
final class StateRecorder implements Consumer<ClientState> {
  private final List<ClientState> states = new CopyOnWriteArrayList<>();

  @Override
  public void accept(ClientState state) {
    states.add(state);
  }

  List<ClientState> all() {
    return List.copyOf(states);
  }

  long count(ClientState.Kind kind) {
    return states.stream().filter(s -> s.kind() == kind).count();
  }

  <T extends ClientState> List<T> of(Class<T> type) {
    List<T> result = new ArrayList<>();
    for (ClientState s : states) {
      if (type.isInstance(s)) {
        result.add(type.cast(s));
      }
    }
    return result;
  }

  /** States of {@code type} recorded after the first {@code skip} of them. */
  <T extends ClientState> List<T> of(Class<T> type, int skip) {
    List<T> all = of(type);
    return all.size() <= skip ? List.of() : all.subList(skip, all.size());
  }

  ClientState last() {
    return states.get(states.size() - 1);
  }
}
