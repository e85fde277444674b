package io.kilowire.emulator.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.websocket.WsContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control API over HTTP + JSON on one port, beside the WebSocket event stream ({@code /events})
 * and the dashboard ({@code /}). Every route is in {@link #ROUTES} and in the OpenAPI document
 * ({@code /openapi.json}); a test holds the two together. With a token, every request must carry it
 * ({@code Authorization: Bearer T}, or {@code ?token=T} for a browser's WebSocket).
 */
public final class ControlServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);

  /** A route of the API: method, path (OpenAPI syntax), what it does. */
  public record Route(String method, String path) {}

  /** The API's routes; each has an operation in {@code openapi.json} and no other exists. */
  public static final List<Route> ROUTES =
      List.of(
          new Route("get", "/openapi.json"),
          new Route("get", "/evs"),
          new Route("get", "/templates"),
          new Route("get", "/stations"),
          new Route("post", "/stations"),
          new Route("get", "/stations/{id}"),
          new Route("delete", "/stations/{id}"),
          new Route("post", "/stations/{id}/start"),
          new Route("post", "/stations/{id}/stop"),
          new Route("post", "/stations/{id}/network/disconnect"),
          new Route("post", "/stations/{id}/network/connect"),
          new Route("put", "/stations/{id}/csms"),
          new Route("post", "/stations/{id}/certificate/expire"),
          new Route("put", "/stations/{id}/file-transfers"),
          new Route("post", "/stations/{id}/evses/{evse}/plug"),
          new Route("post", "/stations/{id}/evses/{evse}/unplug"),
          new Route("post", "/stations/{id}/evses/{evse}/token"),
          new Route("post", "/stations/{id}/evses/{evse}/tariff/refuse"),
          new Route("post", "/stations/{id}/evses/{evse}/ev"),
          new Route("post", "/stations/{id}/evses/{evse}/fault"),
          new Route("delete", "/stations/{id}/evses/{evse}/fault"),
          new Route("post", "/stations/{id}/dynamic-profiles/{profileId}"),
          new Route("put", "/stations/{id}/evses/{evse}/external-setpoint"),
          new Route("get", "/stations/{id}/configuration"),
          new Route("put", "/stations/{id}/configuration"),
          new Route("post", "/stations/{id}/ocpp/{action}"),
          new Route("post", "/stations/{id}/frames"),
          new Route("get", "/metrics"),
          new Route("get", "/events"));

  /**
   * The dashboard's files: no data in them (it all comes from the API), so they are served without
   * the token, which the page then sends with every request.
   */
  static final Map<String, String> PAGES =
      Map.of(
          "/", "index.html",
          "/dashboard.js", "dashboard.js",
          "/dashboard.css", "dashboard.css");

  private final Javalin app;
  private final URI uri;
  private final Map<WsContext, Runnable> subscriptions = new ConcurrentHashMap<>();

  private ControlServer(Javalin app, URI uri) {
    this.app = app;
    this.uri = uri;
  }

  /**
   * Starts serving on {@code host}:{@code port} (0: any free port).
   *
   * @param token required on every request when not null
   */
  public static ControlServer start(
      String host,
      int port,
      @Nullable String token,
      StationOperations ops,
      EventHub hub,
      java.util.function.Supplier<String> metrics) {
    byte[] expected = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    ControlServer[] self = new ControlServer[1];
    Javalin app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              var r = config.routes;
              if (expected != null) {
                r.before(
                    ctx -> {
                      if (!PAGES.containsKey(ctx.path())) {
                        authorize(ctx.header("Authorization"), ctx.queryParam("token"), expected);
                      }
                    });
                r.wsBeforeUpgrade(
                    ctx ->
                        authorize(ctx.header("Authorization"), ctx.queryParam("token"), expected));
              }
              r.exception(
                  ApiError.class, (e, ctx) -> error(ctx, e.status(), e.field(), e.getMessage()));
              r.exception(
                  Fleet.FleetException.class,
                  (e, ctx) -> error(ctx, 400, e.field(), e.getMessage()));
              r.exception(
                  StationOperations.ApiErrorWithBody.class,
                  (e, ctx) -> json(ctx.status(e.status), e.body));
              r.exception(
                  HttpResponseException.class,
                  (e, ctx) -> error(ctx, e.getStatus(), null, e.getMessage()));
              r.exception(
                  Exception.class,
                  (e, ctx) -> {
                    LOG.warn("control API: {} {} failed", ctx.method(), ctx.path(), e);
                    error(ctx, 500, null, String.valueOf(e.getMessage()));
                  });
              r.error(
                  404,
                  ctx -> {
                    if (ctx.result() == null
                        || ctx.result().isEmpty()
                        || !ctx.result().startsWith("{")) {
                      error(ctx, 404, null, "no such route: " + ctx.method() + " " + ctx.path());
                    }
                  });
              route(r, "get", "/openapi.json", ctx -> json(ctx, openApi()));
              route(r, "get", "/evs", ctx -> json(ctx, ops.evModels()));
              route(r, "get", "/templates", ctx -> json(ctx, ops.templates()));
              route(
                  r,
                  "get",
                  "/metrics",
                  ctx ->
                      ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                          .result(metrics.get()));
              PAGES.forEach((path, file) -> r.get(path, ctx -> page(ctx, file)));
              route(r, "get", "/stations", ctx -> json(ctx, ops.list()));
              route(r, "post", "/stations", ctx -> json(ctx.status(201), ops.add(body(ctx))));
              route(r, "get", "/stations/{id}", ctx -> json(ctx, ops.state(id(ctx))));
              route(r, "delete", "/stations/{id}", ctx -> done(ctx, () -> ops.remove(id(ctx))));
              route(r, "post", "/stations/{id}/start", ctx -> done(ctx, () -> ops.start(id(ctx))));
              route(r, "post", "/stations/{id}/stop", ctx -> done(ctx, () -> ops.stop(id(ctx))));
              route(
                  r,
                  "post",
                  "/stations/{id}/network/disconnect",
                  ctx -> done(ctx, () -> ops.network(id(ctx), false)));
              route(
                  r,
                  "post",
                  "/stations/{id}/network/connect",
                  ctx -> done(ctx, () -> ops.network(id(ctx), true)));
              route(
                  r,
                  "post",
                  "/stations/{id}/certificate/expire",
                  ctx -> done(ctx, () -> ops.expireCertificate(id(ctx))));
              route(
                  r,
                  "put",
                  "/stations/{id}/csms",
                  ctx -> done(ctx, () -> ops.csms(id(ctx), body(ctx))));
              route(
                  r,
                  "put",
                  "/stations/{id}/file-transfers",
                  ctx -> done(ctx, () -> ops.fileTransfers(id(ctx), body(ctx))));
              route(
                  r,
                  "post",
                  "/stations/{id}/evses/{evse}/plug",
                  ctx -> done(ctx, () -> ops.plug(id(ctx), evse(ctx), body(ctx))));
              route(
                  r,
                  "post",
                  "/stations/{id}/evses/{evse}/unplug",
                  ctx -> done(ctx, () -> ops.unplug(id(ctx), evse(ctx))));
              route(
                  r,
                  "post",
                  "/stations/{id}/evses/{evse}/token",
                  ctx -> done(ctx, () -> ops.token(id(ctx), evse(ctx), body(ctx))));
              route(
                  r,
                  "post",
                  "/stations/{id}/evses/{evse}/tariff/refuse",
                  ctx -> done(ctx, () -> ops.refuseTariff(id(ctx), evse(ctx))));
              route(
                  r,
                  "post",
                  "/stations/{id}/evses/{evse}/ev",
                  ctx -> done(ctx, () -> ops.ev(id(ctx), evse(ctx), body(ctx))));
              route(
                  r,
                  "post",
                  "/stations/{id}/evses/{evse}/fault",
                  ctx -> done(ctx, () -> ops.fault(id(ctx), evse(ctx), body(ctx))));
              route(
                  r,
                  "delete",
                  "/stations/{id}/evses/{evse}/fault",
                  ctx -> done(ctx, () -> ops.clearFault(id(ctx), evse(ctx))));
              route(
                  r,
                  "post",
                  "/stations/{id}/dynamic-profiles/{profileId}",
                  ctx ->
                      json(
                          ctx,
                          ops.updateDynamicProfile(
                              id(ctx), ctx.pathParam("profileId"), body(ctx))));
              route(
                  r,
                  "put",
                  "/stations/{id}/evses/{evse}/external-setpoint",
                  ctx -> done(ctx, () -> ops.externalSetpoint(id(ctx), evse(ctx), body(ctx))));
              route(
                  r,
                  "get",
                  "/stations/{id}/configuration",
                  ctx -> json(ctx, ops.configuration(id(ctx))));
              route(
                  r,
                  "put",
                  "/stations/{id}/configuration",
                  ctx -> json(ctx, ops.setConfiguration(id(ctx), body(ctx))));
              route(
                  r,
                  "post",
                  "/stations/{id}/ocpp/{action}",
                  ctx -> json(ctx, ops.send(id(ctx), ctx.pathParam("action"), ctx.body())));
              route(
                  r,
                  "post",
                  "/stations/{id}/frames",
                  ctx -> done(ctx, () -> ops.raw(id(ctx), ctx.body())));
              r.ws(
                  "/events",
                  ws -> {
                    ws.onConnect(ctx -> self[0].subscribe(ctx, hub));
                    ws.onClose(ctx -> self[0].unsubscribe(ctx));
                    ws.onError(ctx -> self[0].unsubscribe(ctx));
                  });
            });
    app.start(host, port);
    self[0] =
        new ControlServer(app, URI.create("http://" + hostForUri(host) + ":" + app.port() + "/"));
    return self[0];
  }

  /** Every route must come from {@link #ROUTES}: the OpenAPI document lists exactly those. */
  private static void route(
      io.javalin.router.JavalinDefaultRoutingApi r, String method, String path, Handler handler) {
    if (!ROUTES.contains(new Route(method, path))) {
      throw new IllegalStateException(method + " " + path + " is not in ROUTES");
    }
    r.addHttpHandler(
        switch (method) {
          case "get" -> HandlerType.GET;
          case "post" -> HandlerType.POST;
          case "put" -> HandlerType.PUT;
          default -> HandlerType.DELETE;
        },
        path,
        handler);
  }

  private void subscribe(WsContext ctx, EventHub hub) {
    String station = ctx.queryParam("station");
    String types = ctx.queryParam("type");
    Set<String> wanted = types == null ? null : Set.of(types.split(","));
    ctx.enableAutomaticPings();
    Runnable unsubscribe =
        hub.subscribe(
            event -> {
              if ((station == null || station.equals(event.path("station").asText()))
                  && (wanted == null || wanted.contains(event.path("type").asText()))
                  && ctx.session.isOpen()) {
                ctx.send(event.toString());
              }
            },
            "event stream client " + ctx.sessionId());
    subscriptions.put(ctx, unsubscribe);
  }

  private void unsubscribe(WsContext ctx) {
    Runnable r = subscriptions.remove(ctx);
    if (r != null) {
      r.run();
    }
  }

  private static void authorize(@Nullable String header, @Nullable String query, byte[] expected) {
    String given =
        header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : query;
    if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected)) {
      throw new ApiError(
          401, "token", "a valid control token is required (Authorization: Bearer <token>)");
    }
  }

  private static String id(Context ctx) {
    return ctx.pathParam("id");
  }

  private static String evse(Context ctx) {
    return ctx.pathParam("evse");
  }

  private static RequestBody body(Context ctx) {
    return RequestBody.parse(ctx.body());
  }

  private static void json(Context ctx, JsonNode node) {
    ctx.contentType("application/json").result(node.toString());
  }

  private static void done(Context ctx, Runnable operation) {
    operation.run();
    json(ctx, JsonNodeFactory.instance.objectNode().put("ok", true));
  }

  private static void error(Context ctx, int status, @Nullable String field, String message) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("error", message);
    if (field != null) {
      body.put("field", field);
    }
    json(ctx.status(status), body);
  }

  private static void page(Context ctx, String file) {
    String type =
        file.endsWith(".js")
            ? "text/javascript; charset=utf-8"
            : file.endsWith(".css") ? "text/css; charset=utf-8" : "text/html; charset=utf-8";
    try (InputStream in = ControlServer.class.getResourceAsStream("dashboard/" + file)) {
      if (in == null) {
        throw new IllegalStateException("dashboard/" + file + " is missing from the jar");
      }
      ctx.contentType(type).result(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static volatile @Nullable JsonNode openApi;

  /** The OpenAPI document, from the jar. */
  static JsonNode openApi() {
    JsonNode doc = openApi;
    if (doc == null) {
      try (InputStream in = ControlServer.class.getResourceAsStream("openapi.json")) {
        doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      openApi = doc;
    }
    return doc;
  }

  /** Whether {@code host} is a loopback address (the API may then run without a token). */
  public static boolean isLoopback(String host) {
    try {
      for (InetAddress a : InetAddress.getAllByName(host)) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static String hostForUri(String host) {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  public URI uri() {
    return uri;
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    subscriptions.values().forEach(Runnable::run);
    app.stop();
  }
}
