package io.kilowire.hardware.group;

import io.kilowire.core.loadmanagement.group.DemandReport;
import io.kilowire.core.loadmanagement.group.GroupAllocation;
import io.kilowire.core.loadmanagement.group.GroupConfig;
import io.kilowire.core.loadmanagement.group.GroupController;
import io.kilowire.core.loadmanagement.group.GroupMember;
import io.kilowire.core.loadmanagement.group.GroupMemberConfig;
import io.kilowire.core.loadmanagement.group.MemberState;
import io.kilowire.hardware.coap.CoapSupport;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One charger of a group on CoAP: its {@link GroupMember} and, on the configured controller, the
 * {@link GroupController}. One UDP endpoint serves and sends; all group logic runs on one thread.
 *
 * <ul>
 *   <li>{@code PUT /allocation} on every member: the controller's allocation; answered 2.04 with
 *       the member's report, or 4.12 with the report when the allocation was not accepted (stale
 *       term, another sender), so a stale controller learns the newer term at once.
 *   <li>{@code POST /demand} on the controller: a member's report, every heartbeat and at once when
 *       its state changes; answered 2.04.
 * </ul>
 *
 * Each change of the applied limit goes to the {@link GroupCharger}. Each change of the applied
 * limit or the role is also passed to {@code out} as one line: {@code LIMIT <epoch µs> <member>
 * <amps> <state> <term>}, {@code ROLE <epoch µs> <member> <role> <term>}.
 */
public final class GroupNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GroupNode.class);
  private static final long POLL_MS = 20;

  private final GroupConfig config;
  private final GroupMemberConfig self;
  private final GroupCharger charger;
  private final Consumer<String> out;
  private final ScheduledExecutorService loop;
  private final CoapEndpoint endpoint;
  private final CoapServer server;
  private final Map<String, CoapClient> toMembers = new LinkedHashMap<>();
  private @Nullable CoapClient toController;
  private final Instant origin = Instant.now();
  private final long originNanos = System.nanoTime();
  private final GroupMember member;
  private final @Nullable GroupController controller;
  private double loggedA = -1;
  private @Nullable MemberState loggedState;
  private GroupController.@Nullable Role loggedRole;

  /**
   * @param charger the EVSE this member governs ({@link GroupCharger#simulated} for a built-in EV,
   *     {@link StationGroupCharger} for a station)
   * @param epochFloor the lowest term the controller takes (for example the start time in seconds)
   * @param out receives the LIMIT and ROLE lines
   */
  public GroupNode(
      GroupConfig config,
      String memberId,
      GroupCharger charger,
      long epochFloor,
      Consumer<String> out) {
    this.config = config;
    this.self = config.member(memberId);
    this.charger = charger;
    this.out = out;
    this.loop =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "group-" + memberId);
              t.setDaemon(true);
              return t;
            });
    Instant start = now();
    this.member = new GroupMember(config, memberId, start);
    this.controller =
        config.controllerId().equals(memberId)
            ? new GroupController(config, start, epochFloor)
            : null;
    URI uri = self.endpoint();
    long ackMs = Math.max(100, config.heartbeat().toMillis() / 2);
    this.endpoint =
        new CoapEndpoint.Builder()
            .setConfiguration(CoapSupport.clientConfiguration(ackMs))
            .setInetSocketAddress(new InetSocketAddress(uri.getHost(), uri.getPort()))
            .build();
    this.server = new CoapServer(CoapSupport.configuration());
    server.addEndpoint(endpoint);
    server.add(new AllocationResource());
    if (controller != null) {
      server.add(new DemandResource());
    }
  }

  public void start() {
    server.start();
    // The clients send through the server's endpoint, which must be started by the server first.
    if (controller != null) {
      for (GroupMemberConfig m : config.members()) {
        toMembers.put(m.id(), client(m.endpoint().resolve("/allocation")));
      }
    }
    toController = client(config.member(config.controllerId()).endpoint().resolve("/demand"));
    out.accept("READY " + micros(now()) + " " + self.id() + " " + endpoint.getAddress().getPort());
    loop.execute(this::logChanges);
    loop.scheduleAtFixedRate(safely(this::poll), POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
    long beat = config.heartbeat().toMillis();
    loop.scheduleAtFixedRate(safely(this::heartbeat), beat, beat, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    loop.shutdownNow();
    CoapClient c = toController;
    if (c != null) {
      c.shutdown();
    }
    toMembers.values().forEach(CoapClient::shutdown);
    server.destroy();
  }

  /** A monotonic clock anchored at the wall clock when the node started. */
  Instant now() {
    return origin.plusNanos(System.nanoTime() - originNanos);
  }

  private Runnable safely(Runnable r) {
    return () -> {
      try {
        r.run();
      } catch (RuntimeException e) {
        LOG.error("group node step failed", e);
      }
    };
  }

  private void poll() {
    MemberState before = member.state();
    member.evaluate(now());
    logChanges();
    if (member.state() != before) {
      sendReport();
    }
  }

  private void heartbeat() {
    Instant now = now();
    member.evaluate(now);
    logChanges();
    sendReport();
    GroupController c = controller;
    if (c != null) {
      for (GroupAllocation a : c.tick(now)) {
        CoapClient client = toMembers.get(a.memberId());
        if (client != null) {
          send(client, Request.newPut(), GroupCodec.allocation(a), this::onAllocationAnswer);
        }
      }
      logChanges();
    }
  }

  private DemandReport report() {
    GroupCharger.Demand d = charger.demand();
    return member.report(now(), d.active(), d.evMaxA(), d.drawA());
  }

  private void sendReport() {
    CoapClient c = toController;
    if (c != null) {
      send(c, Request.newPost(), GroupCodec.report(report()), r -> {});
    }
  }

  private void onAllocationAnswer(CoapResponse response) {
    GroupController c = controller;
    byte[] payload = response.getPayload();
    if (c == null || payload == null || payload.length == 0) {
      return;
    }
    DemandReport r;
    try {
      r = GroupCodec.report(payload);
    } catch (IllegalArgumentException e) {
      LOG.warn("unreadable answer from a member: {}", e.getMessage());
      return;
    }
    toControllerLogic(c, r);
  }

  /** Hands a report to the controller on the group thread. */
  private void toControllerLogic(GroupController c, DemandReport r) {
    loop.execute(
        safely(
            () -> {
              c.onReport(now(), r);
              logChanges();
            }));
  }

  private void logChanges() {
    if (member.appliedA() != loggedA || member.state() != loggedState) {
      loggedA = member.appliedA();
      loggedState = member.state();
      charger.limit(loggedA, loggedState);
      out.accept(
          "LIMIT "
              + micros(now())
              + " "
              + self.id()
              + " "
              + loggedA
              + " "
              + loggedState
              + " "
              + member.epoch());
    }
    GroupController c = controller;
    if (c != null && c.role() != loggedRole) {
      loggedRole = c.role();
      out.accept("ROLE " + micros(now()) + " " + self.id() + " " + loggedRole + " " + c.epoch());
    }
  }

  private static long micros(Instant t) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, t);
  }

  private CoapClient client(URI uri) {
    CoapClient c = new CoapClient(uri);
    c.setEndpoint(endpoint);
    return c;
  }

  private static void send(
      CoapClient client, Request request, byte[] payload, Consumer<CoapResponse> onAnswer) {
    request.setConfirmable(true);
    request.setPayload(payload);
    request.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_JSON);
    client.advanced(
        new CoapHandler() {
          @Override
          public void onLoad(CoapResponse response) {
            onAnswer.accept(response);
          }

          @Override
          public void onError() {
            LOG.debug("no answer from {}", client.getURI());
          }
        },
        request);
  }

  /** Runs {@code task} on the group thread and waits for it (CoAP handlers run elsewhere). */
  private <T> T onLoop(Callable<T> task) throws Exception {
    try {
      return loop.submit(task).get(1, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof Exception ex ? ex : e;
    }
  }

  private final class AllocationResource extends CoapResource {
    AllocationResource() {
      super("allocation");
    }

    @Override
    public void handlePUT(CoapExchange exchange) {
      GroupAllocation a;
      try {
        a = GroupCodec.allocation(exchange.getRequestPayload());
      } catch (IllegalArgumentException e) {
        exchange.respond(ResponseCode.BAD_REQUEST, e.getMessage());
        return;
      }
      try {
        Answer answer =
            onLoop(
                () -> {
                  boolean ok = member.onAllocation(now(), a);
                  if (ok) {
                    charger.controllerHeard();
                  }
                  logChanges();
                  return new Answer(ok, GroupCodec.report(report()));
                });
        exchange.respond(
            answer.accepted ? ResponseCode.CHANGED : ResponseCode.PRECONDITION_FAILED,
            answer.report,
            MediaTypeRegistry.APPLICATION_JSON);
      } catch (Exception e) {
        LOG.warn("allocation not handled", e);
        exchange.respond(ResponseCode.SERVICE_UNAVAILABLE);
      }
    }
  }

  private record Answer(boolean accepted, byte[] report) {}

  private final class DemandResource extends CoapResource {
    DemandResource() {
      super("demand");
    }

    @Override
    public void handlePOST(CoapExchange exchange) {
      GroupController c = controller;
      DemandReport r;
      try {
        r = GroupCodec.report(exchange.getRequestPayload());
      } catch (IllegalArgumentException e) {
        exchange.respond(ResponseCode.BAD_REQUEST, e.getMessage());
        return;
      }
      if (c == null || !config.hasMember(r.memberId())) {
        exchange.respond(ResponseCode.FORBIDDEN);
        return;
      }
      toControllerLogic(c, r);
      exchange.respond(ResponseCode.CHANGED);
    }
  }
}
