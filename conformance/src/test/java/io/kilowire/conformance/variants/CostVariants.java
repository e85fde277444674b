package io.kilowire.conformance.variants;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;

/** The faulty variants of block I (tariff and cost). */
final class CostVariants {
  private CostVariants() {}

  static List<Variant> all() {
    return List.of(
        new Variant(
            "no-total-cost",
            "leaves totalCost out of every TransactionEventResponse (the running cost and the total)") {
          @Override
          ArrayNode result(String action, JsonNode request, ArrayNode frame) {
            return action.equals("TransactionEvent") ? remove(frame, "totalCost") : frame;
          }
        });
  }
}
