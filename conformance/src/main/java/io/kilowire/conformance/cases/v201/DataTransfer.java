package io.kilowire.conformance.cases.v201;

import static io.kilowire.conformance.cases.v201.Messages.transactionEvent;
import static io.kilowire.conformance.script.Expect.oneOf;
import static io.kilowire.conformance.script.Json.obj;
import static io.kilowire.conformance.script.Verbs.check;
import static io.kilowire.conformance.script.Verbs.exchange;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.script.Payload;
import java.util.List;

/** Block P, DataTransfer: vendor data the CSMS does not know, custom data in messages. */
public final class DataTransfer {
  private DataTransfer() {}

  public static List<ConformanceCase> cases() {
    return List.of(
        Start.of("TC_P_02_CSMS", "DataTransfer the CSMS does not support is refused")
            .useCases("P02")
            .requirements("P02.FR.06", "P02.FR.07")
            .main(
                exchange(
                    "DataTransfer",
                    Payload.of(obj("vendorId", "io.kilowire.conformance", "messageId", "Probe")),
                    check(
                        "status",
                        oneOf("UnknownVendorId", "UnknownMessageId", "Rejected"),
                        "P02.FR.06"))),
        Start.of("TC_P_03_CSMS", "Custom data in messages is accepted")
            .main(
                exchange(
                    "StatusNotification",
                    ctx -> {
                      ObjectNode payload = Messages.status("Available").build(ctx);
                      payload.set("customData", customData());
                      return payload;
                    }),
                exchange(
                    "TransactionEvent",
                    transactionEvent("Started", "CablePluggedIn")
                        .chargingState("EVConnected")
                        .customData(customData()))));
  }

  private static ObjectNode customData() {
    return obj("vendorId", "io.kilowire.conformance", "note", "carried, not understood");
  }
}
