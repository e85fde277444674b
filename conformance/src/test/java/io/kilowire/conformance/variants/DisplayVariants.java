package io.kilowire.conformance.variants;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The faulty variants of block O (display messages). */
final class DisplayVariants {
  private DisplayVariants() {}

  static List<Variant> all() {
    return List.of(
        new Variant(
            "display-priority-missing",
            "sends SetDisplayMessage without the message's priority (schema-invalid)") {
          @Override
          ArrayNode call(String action, ArrayNode frame) {
            if (action.equals("SetDisplayMessage")) {
              ((com.fasterxml.jackson.databind.node.ObjectNode) payload(frame).path("message"))
                  .remove("priority");
            }
            return frame;
          }
        },
        new Variant(
            "display-shape-ignored",
            "sets every display message AlwaysFront and for any state, whatever it was asked") {
          @Override
          ArrayNode call(String action, ArrayNode frame) {
            if (action.equals("SetDisplayMessage")) {
              set(frame, "message.priority", "AlwaysFront");
              remove(frame, "message.state");
            }
            return frame;
          }
        },
        new Variant(
            "display-ids-wrong",
            "sets every display message under a new id, asks and clears by negative ids") {
          private final AtomicInteger next = new AtomicInteger(1000);

          @Override
          ArrayNode call(String action, ArrayNode frame) {
            return switch (action) {
              case "SetDisplayMessage" -> set(frame, "message.id", next.getAndIncrement());
              case "GetDisplayMessages" -> set(frame, "requestId", -1);
              case "ClearDisplayMessage" -> set(frame, "id", -1);
              default -> frame;
            };
          }
        });
  }
}
