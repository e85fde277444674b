package io.kilowire.core.der;

import static io.kilowire.core.der.DerFixtures.T0;
import static io.kilowire.core.der.DerFixtures.defaultControl;
import static io.kilowire.core.der.DerFixtures.frequencyWatt;
import static io.kilowire.core.der.DerFixtures.scheduled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kilowire.core.der.DerControls.Status;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class DerControlsTest {
  private final DerControls book =
      new DerControls(
          EnumSet.of(
              DerControlType.FREQ_WATT,
              DerControlType.LIMIT_MAX_DISCHARGE,
              DerControlType.ENTER_SERVICE));

  private static final DerSetting LIMIT_50 =
      new DerSetting.DischargeLimit(BigDecimal.valueOf(50), null);

  @Test
  void aTypeTheStationDoesNotExecuteIsNotSupported() {
    DerControls.SetResult result =
        book.set(
            defaultControl(
                "vv",
                DerControlType.VOLT_VAR,
                0,
                DerFixtures.curve(DerUnit.PCT_MAX_VAR, 90, 30, 110, -30)));

    assertThat(result.status()).isEqualTo(Status.NOT_SUPPORTED);
    assertThat(book.all()).isEmpty();
  }

  @Test
  void aScheduledControlOutranksTheDefaultOnlyWithinItsWindow() {
    book.set(defaultControl("d", DerControlType.FREQ_WATT, 0, frequencyWatt()));
    book.set(scheduled("s", DerControlType.FREQ_WATT, 5, T0, 600, frequencyWatt()));

    assertThat(book.inForce(DerControlType.FREQ_WATT, T0.minusSeconds(1)))
        .get()
        .extracting(DerControl::id)
        .isEqualTo("d");
    assertThat(book.inForce(DerControlType.FREQ_WATT, T0.plusSeconds(10)))
        .get()
        .extracting(DerControl::id)
        .isEqualTo("s");
    assertThat(book.inForce(DerControlType.FREQ_WATT, T0.plusSeconds(600)))
        .get()
        .extracting(DerControl::id)
        .isEqualTo("d");
    assertThat(book.nextChange(T0.minusSeconds(1))).isEqualTo(T0);
    assertThat(book.nextChange(T0)).isEqualTo(T0.plusSeconds(600));
  }

  @Test
  void aHigherPriorityOverlappingControlSupersedesTheOthersOfItsTypeAndKind() {
    book.set(scheduled("low", DerControlType.LIMIT_MAX_DISCHARGE, 3, T0, 600, LIMIT_50));
    book.set(
        scheduled(
            "later", DerControlType.LIMIT_MAX_DISCHARGE, 3, T0.plusSeconds(600), 60, LIMIT_50));
    book.set(defaultControl("dflt", DerControlType.LIMIT_MAX_DISCHARGE, 9, LIMIT_50));

    DerControls.SetResult result =
        book.set(
            scheduled(
                "high", DerControlType.LIMIT_MAX_DISCHARGE, 1, T0.plusSeconds(300), 600, LIMIT_50));

    // "low" overlaps and ranks no higher; "later" starts when "low" ends but inside "high";
    // the default is of the other kind.
    assertThat(result.status()).isEqualTo(Status.ACCEPTED);
    assertThat(result.supersededIds()).containsExactly("low", "later");
    assertThat(book.inForce(DerControlType.LIMIT_MAX_DISCHARGE, T0.plusSeconds(10)))
        .get()
        .extracting(DerControl::id)
        .isEqualTo("dflt");
    assertThat(book.find(null, null, "low"))
        .singleElement()
        .extracting(DerControls.Held::superseded)
        .isEqualTo(true);
  }

  @Test
  void aLowerPriorityControlSupersedesNothingAndLosesWhereTheyOverlap() {
    book.set(scheduled("high", DerControlType.LIMIT_MAX_DISCHARGE, 1, T0, 600, LIMIT_50));
    DerControls.SetResult result =
        book.set(scheduled("low", DerControlType.LIMIT_MAX_DISCHARGE, 4, T0, 1200, LIMIT_50));

    assertThat(result.supersededIds()).isEmpty();
    assertThat(book.inForce(DerControlType.LIMIT_MAX_DISCHARGE, T0.plusSeconds(1)))
        .get()
        .extracting(DerControl::id)
        .isEqualTo("high");
    assertThat(book.inForce(DerControlType.LIMIT_MAX_DISCHARGE, T0.plusSeconds(700)))
        .get()
        .extracting(DerControl::id)
        .isEqualTo("low");
  }

  @Test
  void theSameIdReplacesAndClearGoesByIdOrByKindAndType() {
    book.set(defaultControl("a", DerControlType.FREQ_WATT, 0, frequencyWatt()));
    book.set(defaultControl("a", DerControlType.FREQ_WATT, 2, frequencyWatt()));
    book.set(defaultControl("b", DerControlType.LIMIT_MAX_DISCHARGE, 0, LIMIT_50));
    book.set(scheduled("c", DerControlType.FREQ_WATT, 0, T0, 60, frequencyWatt()));

    assertThat(book.find(null, null, "a"))
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.control().priority()).isEqualTo(2);
              assertThat(h.superseded()).isFalse();
            });
    assertThat(book.find(true, null, null)).hasSize(2);
    assertThat(book.find(null, DerControlType.FREQ_WATT, null)).hasSize(2);

    assertThat(book.clear(true, DerControlType.FREQ_WATT, null)).isEqualTo(1);
    assertThat(book.clear(true, null, "nope")).isZero();
    assertThat(book.clear(false, null, "c")).isEqualTo(1);
    assertThat(book.all()).extracting(h -> h.control().id()).containsExactly("b");
  }

  @Test
  void aFullShapeIsRejectedOutOfStorage() {
    for (int i = 0; i < DerControls.MAX_PER_SHAPE; i++) {
      assertThat(
              book.set(
                      scheduled(
                          "c" + i,
                          DerControlType.FREQ_WATT,
                          0,
                          T0.plusSeconds(100L * i),
                          10,
                          frequencyWatt()))
                  .status())
          .isEqualTo(Status.ACCEPTED);
    }
    DerControls.SetResult full =
        book.set(scheduled("one-more", DerControlType.FREQ_WATT, 0, T0, 10, frequencyWatt()));

    assertThat(full.status()).isEqualTo(Status.REJECTED);
    assertThat(full.reasonCode()).isEqualTo("OutOfStorage");
  }

  @Test
  void aControlThatDoesNotHoldTogetherNamesWhatIsWrong() {
    assertThatThrownBy(
            () ->
                new DerControl(
                    "x",
                    DerControlType.ENTER_SERVICE,
                    false,
                    0,
                    T0,
                    BigDecimal.TEN,
                    new DerSetting.EnterService(
                        BigDecimal.valueOf(110),
                        BigDecimal.valueOf(90),
                        BigDecimal.valueOf(50.2),
                        BigDecimal.valueOf(49.8),
                        null,
                        null,
                        null)))
        .isInstanceOf(InvalidDerControl.class)
        .hasMessageContaining("only be a default");
    assertThatThrownBy(
            () ->
                new DerControl("x", DerControlType.FREQ_WATT, false, 0, T0, null, frequencyWatt()))
        .isInstanceOfSatisfying(
            InvalidDerControl.class, e -> assertThat(e.reasonCode()).isEqualTo("MissingParam"))
        .hasMessageContaining("duration");
    assertThatThrownBy(() -> defaultControl("x", DerControlType.FREQ_WATT, 0, LIMIT_50))
        .isInstanceOf(InvalidDerControl.class)
        .hasMessageContaining("takes a CURVE");
    assertThatThrownBy(
            () ->
                defaultControl(
                    "x",
                    DerControlType.FREQ_WATT,
                    0,
                    DerFixtures.curve(DerUnit.PCT_MAX_VAR, 49, 0, 50, -100)))
        .isInstanceOf(InvalidDerControl.class)
        .hasMessageContaining("PCT_MAX_VAR");
    assertThatThrownBy(() -> DerFixtures.curve(DerUnit.PCT_MAX_W, 50, 0, 49, 0))
        .hasMessageContaining("strictly increasing");
  }

  @Test
  void aSnapshotGivesBackEveryShapeExactly() {
    DerControls all = new DerControls(EnumSet.allOf(DerControlType.class));
    List<DerControl> controls =
        List.of(
            new DerControl(
                "fw",
                DerControlType.FREQ_WATT,
                false,
                2,
                T0,
                new BigDecimal("90.5"),
                new DerSetting.Curve(
                    List.of(
                        new DerSetting.Point(new BigDecimal("49.80"), new BigDecimal("0")),
                        new DerSetting.Point(new BigDecimal("50.0"), new BigDecimal("-100"))),
                    DerUnit.PCT_MAX_W,
                    new BigDecimal("0.5"),
                    new DerSetting.Hysteresis(null, new BigDecimal("49.9"), BigDecimal.ONE, null))),
            defaultControl(
                "pf",
                DerControlType.FIXED_PF_ABSORB,
                0,
                new DerSetting.FixedPowerFactor(new BigDecimal("0.95"), true)),
            defaultControl(
                "fv",
                DerControlType.FIXED_VAR,
                0,
                new DerSetting.FixedReactive(new BigDecimal("-10"), DerUnit.PCT_MAX_VAR)),
            defaultControl(
                "fd",
                DerControlType.FREQ_DROOP,
                0,
                new DerSetting.FrequencyDroop(
                    new BigDecimal("50.2"),
                    new BigDecimal("49.8"),
                    new BigDecimal("0.05"),
                    new BigDecimal("0.04"),
                    BigDecimal.ONE)),
            defaultControl(
                "lm",
                DerControlType.LIMIT_MAX_DISCHARGE,
                0,
                new DerSetting.DischargeLimit(
                    new BigDecimal("40"), DerFixtures.curve(DerUnit.NOT_APPLICABLE, 1, 2))),
            defaultControl(
                "es",
                DerControlType.ENTER_SERVICE,
                0,
                new DerSetting.EnterService(
                    new BigDecimal("110"),
                    new BigDecimal("90"),
                    new BigDecimal("50.1"),
                    new BigDecimal("49.9"),
                    new BigDecimal("60"),
                    null,
                    null)),
            defaultControl(
                "gr",
                DerControlType.GRADIENTS,
                0,
                new DerSetting.Gradients(BigDecimal.TEN, BigDecimal.ONE)));
    controls.forEach(all::set);
    all.set(
        new DerControl(
            "fw2", DerControlType.FREQ_WATT, false, 1, T0, BigDecimal.TEN, frequencyWatt()));

    List<DerControls.Held> back = DerSnapshot.read(DerSnapshot.write(all.all()));

    assertThat(back).isEqualTo(all.all());
    assertThat(back.get(0).superseded()).isTrue();
    assertThatThrownBy(() -> DerSnapshot.read("something else".getBytes()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
