package io.kilowire.core.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.OcppVersion;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ObservedTransportTest {
  /** A link that delivers at once: a reply can arrive while {@code send} is still running. */
  private final InMemoryTransport.Link link = InMemoryTransport.pair(OcppVersion.V16);

  private final RecordingListener station = new RecordingListener();
  private final List<String> seen = new CopyOnWriteArrayList<>();

  private final FrameObserver recorder =
      new FrameObserver() {
        @Override
        public void sending(String frame) {
          seen.add("tx " + frame);
        }

        @Override
        public void notSent(String frame) {
          seen.add("not sent " + frame);
        }

        @Override
        public void received(String frame) {
          seen.add("rx " + frame);
        }
      };

  private final FrameObserver broken =
      new FrameObserver() {
        @Override
        public void sending(String frame) {
          throw new IllegalStateException("disk full");
        }

        @Override
        public void notSent(String frame) {
          throw new IllegalStateException("disk full");
        }

        @Override
        public void received(String frame) {
          throw new IllegalStateException("disk full");
        }
      };

  /** The CSMS end answers every frame at once, inside the delivery of the frame. */
  private void csmsEchoes() {
    InMemoryTransport csms = link.csms();
    csms.connect(
        new RecordingListener() {
          @Override
          public void onMessage(String frame) {
            csms.send("re:" + frame);
          }
        });
  }

  @Nested
  class WireOrder {
    @Test
    void aFrameIsObservedBeforeTheReplyItProvokesEvenOneDeliveredInsideSend() {
      ObservedTransport t = new ObservedTransport(link.station(), recorder, "recorder");
      t.connect(station);
      csmsEchoes();

      t.send("a");
      t.send("b");

      assertThat(seen).containsExactly("tx a", "rx re:a", "tx b", "rx re:b");
      assertThat(station.messages).containsExactly("re:a", "re:b");
    }

    @Test
    void aFrameTheTransportRefusesIsReportedAsNotSent() {
      ObservedTransport t = new ObservedTransport(link.station(), recorder, "recorder");
      t.connect(station); // the CSMS end never connects: the link stays closed

      assertThat(t.send("lost")).isFalse();

      assertThat(seen).containsExactly("tx lost", "not sent lost");
    }
  }

  @Nested
  class AFailingObserver {
    @Test
    void neverStopsAFrameInEitherDirectionNorReachesTheCaller() {
      ObservedTransport t = new ObservedTransport(link.station(), broken, "broken trace");
      t.connect(station);
      csmsEchoes();

      assertThat(t.send("a")).isTrue();
      assertThat(t.send("b")).isTrue();

      assertThat(station.messages).containsExactly("re:a", "re:b");
      assertThat(t.observerFailures()).isEqualTo(4);
      assertThat(t.isOpen()).isTrue();
    }
  }
}
