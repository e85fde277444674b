package io.kilowire.core.station.firmware;

import io.kilowire.core.hal.FirmwareInstaller;
import io.kilowire.core.hal.FirmwarePublisher;
import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.station.CsmsGateway;
import io.kilowire.core.station.StationContext;
import io.kilowire.core.station.reports.PendingReports;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The station as a local controller (OCPP 2.0.1 L03 PublishFirmware, L04 UnpublishFirmware): it
 * fetches a firmware image with the request's retries, checks its MD5 checksum, has its {@link
 * FirmwarePublisher} serve it and tells the CSMS where (Published), reporting every step
 * (PublishFirmwareStatusNotification) and the failures (DownloadFailed, InvalidChecksum,
 * PublishFailed). Memory only: a restart serves nothing.
 */
public final class FirmwarePublishing {
  private static final Logger LOG = LoggerFactory.getLogger(FirmwarePublishing.class);

  /** The steps of L03 (2.0.1 PublishFirmwareStatusEnumType). */
  public enum Status {
    IDLE,
    DOWNLOAD_SCHEDULED,
    DOWNLOADING,
    DOWNLOADED,
    PUBLISHED,
    DOWNLOAD_FAILED,
    DOWNLOAD_PAUSED,
    INVALID_CHECKSUM,
    CHECKSUM_VERIFIED,
    PUBLISH_FAILED
  }

  /** The answer to UnpublishFirmware (2.0.1 UnpublishFirmwareStatusEnumType). */
  public enum Unpublished {
    DOWNLOAD_ONGOING,
    NO_FIRMWARE,
    UNPUBLISHED
  }

  /** What the CSMS asked to publish. */
  public record Request(
      int requestId, URI location, String checksum, int retries, Duration retryInterval) {}

  private record Report(Status status, List<URI> locations, @Nullable Integer requestId) {}

  private final TaskScheduler scheduler;
  private final PendingReports<Report> reports;
  private final CsmsGateway gateway;
  private @Nullable FirmwareInstaller installer;
  private @Nullable FirmwarePublisher publisher;
  private @Nullable Request current;
  private boolean downloading;
  private @Nullable String publishedMd5;
  private @Nullable Report lastSent;
  private int epoch;

  public FirmwarePublishing(StationContext context) {
    this.scheduler = context.scheduler();
    this.gateway = context.gateway();
    this.reports =
        new PendingReports<>(
            "publish firmware status notifications",
            PendingReports.CAPACITY,
            context.registered(),
            r -> gateway.publishFirmwareStatus(r.status(), r.locations(), r.requestId()));
  }

  /** The station fetches with {@code fetcher} and serves with {@code server}. */
  public void use(FirmwareInstaller fetcher, FirmwarePublisher server) {
    this.installer = fetcher;
    this.publisher = server;
  }

  /** Whether the station can act as a local controller. */
  public boolean available() {
    return installer != null && publisher != null;
  }

  /** PublishFirmware: accepted when the station can publish; the work after the reply. */
  public boolean publish(Request request) {
    if (!available()) {
      return false;
    }
    epoch++;
    int mine = epoch;
    current = request;
    scheduler.schedule(Duration.ZERO, () -> download(request, mine, 0));
    return true;
  }

  /** UnpublishFirmware (L04). */
  public Unpublished unpublish(String md5) {
    FirmwarePublisher server = publisher;
    if (downloading) {
      return Unpublished.DOWNLOAD_ONGOING;
    }
    String wanted = md5.toLowerCase(Locale.ROOT);
    if (server == null || !wanted.equals(publishedMd5) || !server.unpublish(wanted)) {
      return Unpublished.NO_FIRMWARE;
    }
    publishedMd5 = null;
    LOG.info("firmware {} no longer published", wanted);
    return Unpublished.UNPUBLISHED;
  }

  /** A trigger: the last status, or Idle after Published or without any (L03.FR.10/11). */
  public void trigger() {
    Report last = lastSent;
    if (last == null || last.status() == Status.PUBLISHED) {
      gateway.publishFirmwareStatus(Status.IDLE, List.of(), null);
    } else {
      gateway.publishFirmwareStatus(last.status(), last.locations(), last.requestId());
    }
  }

  public void registered() {
    reports.flush();
  }

  public void connectionLost() {
    reports.connectionLost();
  }

  private void download(Request r, int mine, int attempt) {
    FirmwareInstaller fetcher = installer;
    if (mine != epoch || fetcher == null) {
      return;
    }
    downloading = true;
    if (attempt == 0) {
      report(r, Status.DOWNLOADING, List.of());
    }
    fetcher
        .download(r.location())
        .whenComplete(
            (image, failure) -> {
              if (mine != epoch) {
                return;
              }
              downloading = false;
              if (failure != null) {
                if (attempt < r.retries()) {
                  downloading = true;
                  scheduler.schedule(r.retryInterval(), () -> download(r, mine, attempt + 1));
                } else {
                  report(r, Status.DOWNLOAD_FAILED, List.of());
                }
                return;
              }
              report(r, Status.DOWNLOADED, List.of());
              String md5 = md5(image);
              if (md5 == null || !md5.equals(r.checksum().toLowerCase(Locale.ROOT))) {
                report(r, Status.INVALID_CHECKSUM, List.of());
                return;
              }
              report(r, Status.CHECKSUM_VERIFIED, List.of());
              publish(r, mine, image, md5);
            });
  }

  private void publish(Request r, int mine, FirmwareInstaller.Image image, String md5) {
    FirmwarePublisher server = publisher;
    if (server == null) {
      return;
    }
    server
        .publish(image, md5)
        .whenComplete(
            (locations, failure) -> {
              if (mine != epoch) {
                return;
              }
              if (failure != null || locations == null || locations.isEmpty()) {
                report(r, Status.PUBLISH_FAILED, List.of());
                return;
              }
              publishedMd5 = md5;
              report(r, Status.PUBLISHED, locations);
            });
  }

  private void report(Request r, Status status, List<URI> locations) {
    Report report = new Report(status, List.copyOf(locations), r.requestId());
    lastSent = report;
    reports.add(report);
  }

  /** L03.FR.02: the MD5 over the entire file, as lower-case hex. */
  private static @Nullable String md5(FirmwareInstaller.Image image) {
    try (InputStream in = image.open()) {
      MessageDigest digest = MessageDigest.getInstance("MD5");
      byte[] buffer = new byte[8192];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException | NoSuchAlgorithmException e) {
      return null;
    }
  }
}
