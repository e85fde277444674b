package io.kilowire.core.ocpp.v201.adapter;

import io.kilowire.core.ocpp.rpc.OcppEndpoint;
import io.kilowire.core.ocpp.v201.ClearDisplayMessageRequest;
import io.kilowire.core.ocpp.v201.ClearDisplayMessageResponse;
import io.kilowire.core.ocpp.v201.ClearMessageStatus;
import io.kilowire.core.ocpp.v201.DisplayMessageStatus;
import io.kilowire.core.ocpp.v201.GetDisplayMessagesRequest;
import io.kilowire.core.ocpp.v201.GetDisplayMessagesResponse;
import io.kilowire.core.ocpp.v201.GetDisplayMessagesStatus;
import io.kilowire.core.ocpp.v201.MessageContent;
import io.kilowire.core.ocpp.v201.MessageFormat;
import io.kilowire.core.ocpp.v201.MessageInfo;
import io.kilowire.core.ocpp.v201.MessagePriority;
import io.kilowire.core.ocpp.v201.MessageState;
import io.kilowire.core.ocpp.v201.NotifyDisplayMessagesRequest;
import io.kilowire.core.ocpp.v201.NotifyDisplayMessagesResponse;
import io.kilowire.core.ocpp.v201.SetDisplayMessageRequest;
import io.kilowire.core.ocpp.v201.SetDisplayMessageResponse;
import io.kilowire.core.station.Station;
import io.kilowire.core.station.display.DisplayMessage;
import io.kilowire.core.station.display.DisplayMessages;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Answers the CSMS's 2.0.1 display-message commands (O01-O06) from the station's {@link
 * DisplayMessages}; GetDisplayMessages' messages follow the reply as NotifyDisplayMessages pages.
 */
public final class V201DisplayHandlers {
  /** Messages per NotifyDisplayMessages page; all but the last say tbc (O03.FR.03-04). */
  static final int PER_PAGE = 5;

  private V201DisplayHandlers() {}

  public static void register(OcppEndpoint session, Station station) {
    DisplayMessages display = station.display();
    session.handle(
        SetDisplayMessageRequest.class,
        r ->
            new SetDisplayMessageResponse(
                null,
                DisplayMessageStatus.valueOf(display.set(message(r.message())).name()),
                null));
    session.handle(
        GetDisplayMessagesRequest.class,
        r -> {
          Set<Integer> ids = r.id() == null ? Set.of() : new HashSet<>(r.id());
          List<DisplayMessage> found =
              display.find(
                  ids,
                  r.priority() == null
                      ? null
                      : DisplayMessage.Priority.valueOf(r.priority().name()),
                  r.state() == null ? null : DisplayMessage.State.valueOf(r.state().name()));
          if (found.isEmpty()) {
            return new GetDisplayMessagesResponse(null, GetDisplayMessagesStatus.UNKNOWN, null);
          }
          List<NotifyDisplayMessagesRequest> pages = new ArrayList<>();
          for (int from = 0; from < found.size(); from += PER_PAGE) {
            int to = Math.min(found.size(), from + PER_PAGE);
            pages.add(
                new NotifyDisplayMessagesRequest(
                    null,
                    found.subList(from, to).stream().map(V201DisplayHandlers::wire).toList(),
                    r.requestId(),
                    to < found.size() ? Boolean.TRUE : null));
          }
          station.afterReply(
              () -> pages.forEach(p -> session.call(p, NotifyDisplayMessagesResponse.class)));
          return new GetDisplayMessagesResponse(null, GetDisplayMessagesStatus.ACCEPTED, null);
        });
    session.handle(
        ClearDisplayMessageRequest.class,
        r ->
            new ClearDisplayMessageResponse(
                null,
                display.clear(r.id()) ? ClearMessageStatus.ACCEPTED : ClearMessageStatus.UNKNOWN,
                null));
  }

  static DisplayMessage message(MessageInfo m) {
    MessageContent c = m.message();
    return new DisplayMessage(
        m.id(),
        DisplayMessage.Priority.valueOf(m.priority().name()),
        m.state() == null ? null : DisplayMessage.State.valueOf(m.state().name()),
        m.startDateTime(),
        m.endDateTime(),
        m.transactionId(),
        DisplayMessage.Format.valueOf(c.format().name()),
        c.language(),
        c.content());
  }

  static MessageInfo wire(DisplayMessage m) {
    @Nullable MessageState state =
        m.state() == null ? null : MessageState.valueOf(m.state().name());
    return new MessageInfo(
        null,
        null,
        m.id(),
        MessagePriority.valueOf(m.priority().name()),
        state,
        m.start(),
        m.end(),
        m.transactionId(),
        new MessageContent(
            null, MessageFormat.valueOf(m.format().name()), m.language(), m.content()));
  }
}
