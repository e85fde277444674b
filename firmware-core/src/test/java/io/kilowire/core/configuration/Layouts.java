package io.kilowire.core.configuration;

import java.math.BigDecimal;
import java.util.List;

/** Station layouts the tests share. */
public final class Layouts {
  private Layouts() {}

  /** Two EVSEs: 22 kW with one socket, 11 kW with a socket and a cable. */
  public static final StationLayout TWO_EVSES =
      new StationLayout(
          "Kilowire",
          "KW-Duo",
          List.of(
              new StationLayout.Evse(
                  1,
                  BigDecimal.valueOf(22_000),
                  3,
                  List.of(new StationLayout.Connector(1, "sType2"))),
              new StationLayout.Evse(
                  2,
                  BigDecimal.valueOf(11_000),
                  3,
                  List.of(
                      new StationLayout.Connector(1, "sType2"),
                      new StationLayout.Connector(2, "cType2")))));

  public static final StationLayout WALLBOX =
      StationLayout.singleConnector("Kilowire", "KW-1", BigDecimal.valueOf(11_000), 3, "cType2");
}
