package io.kilowire.core.ocpp.v201.adapter;

import io.kilowire.core.ocpp.rpc.OcppEndpoint;
import io.kilowire.core.ocpp.v201.CustomerInformationRequest;
import io.kilowire.core.ocpp.v201.CustomerInformationResponse;
import io.kilowire.core.ocpp.v201.CustomerInformationStatus;
import io.kilowire.core.ocpp.v201.NotifyCustomerInformationRequest;
import io.kilowire.core.ocpp.v201.NotifyCustomerInformationResponse;
import io.kilowire.core.station.Station;
import io.kilowire.core.station.customers.CustomerInformation;
import io.kilowire.core.station.customers.CustomerInformation.Customer;
import io.kilowire.core.station.customers.CustomerInformation.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Answers 2.0.1 CustomerInformation (N09, N10) from the station's {@link CustomerInformation}; the
 * data follows the reply as NotifyCustomerInformation pages (seqNo from 0, tbc on all but the
 * last).
 */
public final class V201CustomerInformationHandlers {
  private V201CustomerInformationHandlers() {}

  public static void register(OcppEndpoint session, Station station, Supplier<Instant> now) {
    session.handle(
        CustomerInformationRequest.class,
        r -> {
          Outcome outcome = station.customers().request(references(r), r.report(), r.clear());
          if (outcome.status() == CustomerInformation.Status.ACCEPTED) {
            List<String> pages = outcome.pages();
            Instant at = now.get();
            station.afterReply(
                () -> {
                  for (int i = 0; i < pages.size(); i++) {
                    session.call(
                        new NotifyCustomerInformationRequest(
                            null,
                            pages.get(i),
                            i < pages.size() - 1 ? Boolean.TRUE : null,
                            i,
                            at,
                            r.requestId()),
                        NotifyCustomerInformationResponse.class);
                  }
                });
          }
          return new CustomerInformationResponse(
              null, CustomerInformationStatus.valueOf(outcome.status().name()), null);
        });
  }

  private static List<Customer> references(CustomerInformationRequest r) {
    List<Customer> found = new ArrayList<>();
    if (r.idToken() != null) {
      found.add(new Customer.Token(V201AuthorizationMapping.token(r.idToken())));
    }
    if (r.customerIdentifier() != null) {
      found.add(new Customer.Identifier(r.customerIdentifier()));
    }
    if (r.customerCertificate() != null) {
      found.add(new Customer.Certificate(r.customerCertificate().serialNumber()));
    }
    return found;
  }
}
