package io.kilowire.core.ocpp.v201.adapter;

import io.kilowire.core.ocpp.v201.GetBaseReportResponse;
import io.kilowire.core.ocpp.v201.NotifyReportRequest;
import java.util.List;

/**
 * The answer to GetBaseReport and the NotifyReport pages the station sends after it, in order (none
 * unless the response is Accepted).
 */
public record BaseReport(GetBaseReportResponse response, List<NotifyReportRequest> reports) {
  public BaseReport {
    reports = List.copyOf(reports);
  }
}
