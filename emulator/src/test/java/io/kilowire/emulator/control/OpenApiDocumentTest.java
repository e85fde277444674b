package io.kilowire.emulator.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The OpenAPI document describes exactly the routes the server has, each fully. */
class OpenApiDocumentTest {
  private static final Set<String> METHODS = Set.of("get", "post", "put", "delete");

  @Test
  void everyRouteIsDocumentedAndEveryDocumentedOperationIsARoute() {
    JsonNode doc = ControlServer.openApi();
    Set<ControlServer.Route> documented = new HashSet<>();
    for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
      path.getValue()
          .fieldNames()
          .forEachRemaining(
              m -> {
                if (METHODS.contains(m)) {
                  documented.add(new ControlServer.Route(m, path.getKey()));
                }
              });
    }

    assertThat(documented).containsExactlyInAnyOrderElementsOf(ControlServer.ROUTES);
  }

  @Test
  void everyOperationHasAnIdASummaryAndItsErrorAnswersAndEveryPathParameterIsDeclared() {
    JsonNode doc = ControlServer.openApi();
    assertThat(doc.path("openapi").asText()).startsWith("3.");
    Set<String> ids = new HashSet<>();
    for (ControlServer.Route route : ControlServer.ROUTES) {
      JsonNode op = doc.path("paths").path(route.path()).path(route.method());
      assertThat(op.path("summary").asText()).as(route.toString()).isNotBlank();
      assertThat(ids.add(op.path("operationId").asText())).as(route + " operationId").isTrue();
      assertThat(op.path("responses").has("401")).as(route + " documents 401").isTrue();
      for (String segment : route.path().split("/")) {
        if (segment.startsWith("{")) {
          String name = segment.substring(1, segment.length() - 1);
          assertThat(op.path("parameters").findValuesAsText("name"))
              .as(route + " declares " + name)
              .contains(name);
        }
      }
      if (route.method().equals("post") || route.method().equals("put")) {
        // Only the plain commands (start, stop, connect, expire, ...) take no body.
        boolean command =
            route.path().matches(".*/(start|stop|connect|disconnect|unplug|expire|refuse)$");
        assertThat(op.has("requestBody")).as(route + " documents its body").isEqualTo(!command);
      }
    }
  }

  @Test
  void schemaReferencesResolve() {
    JsonNode doc = ControlServer.openApi();
    for (JsonNode ref : doc.findValues("$ref")) {
      String name = ref.asText().substring("#/components/schemas/".length());
      assertThat(doc.path("components").path("schemas").has(name)).as(ref.asText()).isTrue();
    }
  }
}
