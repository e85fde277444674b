package io.kilowire.core.station.firmware;

import io.kilowire.core.hal.FirmwareInstaller;
import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.station.CsmsGateway;
import io.kilowire.core.station.StationContext;
import io.kilowire.core.station.StationParameters;
import io.kilowire.core.station.logs.SecurityEvents;
import io.kilowire.core.station.reports.PendingReports;
import io.kilowire.core.store.SnapshotStore;
import java.io.IOException;
import java.io.InputStream;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A firmware update from the CSMS's request to the new version running: the signing certificate
 * checked on receipt, the download at the retrieve time with the request's retries, the signature
 * checked, the installation at the install time once no transaction runs (free EVSEs closed
 * meanwhile, unless AllowNewSessionsPendingFirmwareUpdate), InstallRebooting, the reboot, and
 * Installed from the new version, each step reported in order (FirmwareStatusNotification, queued
 * while the CSMS is unreachable) with the failures the specifications name. A new request cancels
 * the update in progress (AcceptedCanceled) unless it is installing. The update in progress is the
 * room's snapshot: after a restart it goes on (a download starts over), and an update that rebooted
 * into its new version reports Installed.
 */
public final class FirmwareUpdates {
  private static final Logger LOG = LoggerFactory.getLogger(FirmwareUpdates.class);

  /** The name of the room's snapshot. */
  public static final String SNAPSHOT = "firmware-update";

  /** The answer to UpdateFirmware / SignedUpdateFirmware. */
  public enum Answer {
    ACCEPTED,
    ACCEPTED_CANCELED,
    REJECTED,
    INVALID_CERTIFICATE
  }

  /** Where an update stands. */
  enum Phase {
    RETRIEVE_SCHEDULED,
    DOWNLOADING,
    RETRY_WAIT,
    INSTALL_SCHEDULED,
    WAITING_FOR_IDLE,
    INSTALLING,
    REBOOTING
  }

  /** A status for the CSMS: 1.6 plain (no request id, not secure) or with its request id. */
  private record Report(FirmwareStatus status, @Nullable Integer requestId, boolean secure) {}

  /** A security event (2.0.1 / 1.6 security extension SecurityEventNotification). */
  private @Nullable FirmwareInstaller installer;

  private final CsmsGateway gateway;
  private final TaskScheduler scheduler;
  private final StationParameters params;
  private final BooleanSupplier registered;
  private final SnapshotStore snapshots;
  private final BooleanSupplier idle;
  private final Runnable evsesMayHaveChanged;
  private final Runnable reboot;
  private final PendingReports<Report> reports;
  private final SecurityEvents securityEvents;

  private @Nullable FirmwareUpdate update;
  private @Nullable Phase phase;
  private FirmwareInstaller.@Nullable Image image;
  private @Nullable String newVersion;
  private TaskScheduler.@Nullable Cancellable timer;

  /** Counts updates, so the outcome of a cancelled one's download or install is ignored. */
  private int epoch;

  private @Nullable Report lastSent;

  /** Rebooted into a new version: Installed goes out once registered. */
  private boolean installedPending;

  /** The reboot of the current update was asked for. */
  private boolean rebooted;

  /** How long the reboot waits for the CSMS to confirm the statuses before it. */
  static final Duration REBOOT_WAIT = Duration.ofSeconds(30);

  /**
   * @param idle whether no transaction runs
   * @param evsesMayHaveChanged told when the EVSEs close to or open for new sessions
   * @param reboot reboots the station (reason FirmwareUpdate)
   */
  public FirmwareUpdates(
      StationContext context,
      SnapshotStore snapshots,
      SecurityEvents securityEvents,
      BooleanSupplier idle,
      Runnable evsesMayHaveChanged,
      Runnable reboot) {
    this.gateway = context.gateway();
    this.scheduler = context.scheduler();
    this.params = context.params();
    this.registered = context.registered();
    this.snapshots = snapshots;
    this.idle = idle;
    this.evsesMayHaveChanged = evsesMayHaveChanged;
    this.reboot = reboot;
    this.reports =
        new PendingReports<>(
            "firmware status notifications",
            PendingReports.CAPACITY,
            registered,
            r -> gateway.firmwareStatus(r.status(), r.requestId(), r.secure()));
    this.securityEvents = securityEvents;
  }

  /**
   * The board's or the emulator's installer, set before the station starts; without one the station
   * takes no firmware updates.
   */
  public void use(FirmwareInstaller installer) {
    this.installer = installer;
  }

  /** The installer in use; null: none. */
  public @Nullable FirmwareInstaller installer() {
    return installer;
  }

  /** Whether the station takes firmware updates at all (it has an installer). */
  public boolean available() {
    return installer != null;
  }

  /**
   * Takes up the update the snapshot holds: one that rebooted into its version reports Installed,
   * one cut short while installing failed, any other starts over from its retrieve time.
   */
  public void restore() {
    FirmwareInstaller fw = installer;
    if (fw != null) {
      gateway.firmwareVersion(fw.runningVersion());
    }
    Optional<byte[]> data = snapshots.read(SNAPSHOT);
    if (data.isEmpty()) {
      return;
    }
    FirmwareJobFormat.Job job;
    try {
      job = FirmwareJobFormat.fromBytes(data.get());
    } catch (IllegalArgumentException e) {
      LOG.error("firmware update state is damaged; forgetting it", e);
      return;
    }
    FirmwareStatus lastStatus = job.lastStatus();
    lastSent =
        lastStatus == null ? null : new Report(lastStatus, job.lastRequestId(), job.lastSecure());
    FirmwareUpdate u = job.update();
    Phase p = job.phase();
    if (u == null || p == null) {
      return;
    }
    if (p == Phase.REBOOTING) {
      update = u;
      phase = p;
      newVersion = job.newVersion();
      installedPending = true;
    } else if (p == Phase.INSTALLING) {
      report(u, FirmwareStatus.INSTALLATION_FAILED);
      persist();
    } else if (fw != null) {
      update = u;
      epoch++;
      begin(u, epoch);
    }
  }

  /** UpdateFirmware / SignedUpdateFirmware: the answer now, the work after the reply. */
  public Answer request(FirmwareUpdate u) {
    FirmwareInstaller fw = installer;
    if (fw == null) {
      return Answer.REJECTED;
    }
    if (u.signed() || u.signingCertificate() != null) {
      String pem = u.signingCertificate();
      X509Certificate signer =
          pem == null
              ? null
              : FirmwareSignatures.signer(pem, fw.manufacturerRoots(), scheduler.now());
      if (signer == null) {
        // L01.FR.22 / L01.FR.02: refused, and a security event says why.
        securityEvent(
            "InvalidFirmwareSigningCertificate",
            "firmware signing certificate of request " + u.requestId() + " not trusted");
        return Answer.INVALID_CERTIFICATE;
      }
    }
    Answer answer = Answer.ACCEPTED;
    if (update != null && phase != null) {
      if (phase == Phase.INSTALLING || phase == Phase.REBOOTING) {
        return Answer.REJECTED; // L01.FR.27: an installation cannot be called back
      }
      cancelCurrent();
      answer = Answer.ACCEPTED_CANCELED;
    }
    update = u;
    epoch++;
    rebooted = false;
    int mine = epoch;
    phase = Phase.RETRIEVE_SCHEDULED;
    persist();
    LOG.info("firmware update {} from {} accepted", u.requestId(), u.location());
    scheduler.schedule(Duration.ZERO, () -> begin(u, mine));
    return answer;
  }

  /** The CSMS may be told now: waiting statuses go out, and Installed after a reboot into it. */
  public void registered() {
    FirmwareUpdate u = update;
    if (installedPending && u != null) {
      installedPending = false;
      report(u, FirmwareStatus.INSTALLED);
      // L01.FR.31: a successful update is also a security event.
      securityEvent("FirmwareUpdated", "firmware " + newVersionOr("?") + " running");
      finish();
    }
    reports.flush();
  }

  public void connectionLost() {
    reports.connectionLost();
  }

  /** A transaction ended: an installation waiting for the station to be idle may begin. */
  public void idleCheck() {
    if (phase == Phase.WAITING_FOR_IDLE && idle.getAsBoolean()) {
      FirmwareUpdate u = update;
      if (u != null) {
        install(u, epoch);
      }
    }
  }

  /**
   * Whether {@code evse} takes new sessions: not while an installation waits for the station to be
   * idle (L01.FR.07), unless AllowNewSessionsPendingFirmwareUpdate.
   */
  public boolean admits(int evse) {
    return !closesEvses();
  }

  /** Whether free EVSEs show Unavailable: an installation waits for the others to end. */
  public boolean closesEvses() {
    return (phase == Phase.WAITING_FOR_IDLE || phase == Phase.INSTALLING)
        && !params.allowNewSessionsPendingFirmwareUpdate();
  }

  /**
   * A TriggerMessage for the firmware status: the last status sent, or Idle when none or after
   * Installed (L01.FR.25/26), in the message the trigger asked for.
   */
  public void trigger(boolean secure) {
    Report last = lastSent;
    FirmwareStatus status =
        last == null || last.status() == FirmwareStatus.INSTALLED || update == null
            ? FirmwareStatus.IDLE
            : last.status();
    Integer requestId = status == FirmwareStatus.IDLE || last == null ? null : last.requestId();
    gateway.firmwareStatus(status, requestId, secure);
  }

  /** The update in progress, if any. */
  public @Nullable FirmwareUpdate current() {
    return update;
  }

  public void stop() {
    TaskScheduler.cancel(timer);
  }

  // ------------------------------------------------------------------------------ the steps

  /** L01.FR.13: not before the retrieve time. */
  private void begin(FirmwareUpdate u, int mine) {
    if (mine != epoch) {
      return;
    }
    Duration wait = Duration.between(scheduler.now(), u.retrieveAt());
    if (wait.isNegative() || wait.isZero()) {
      download(u, mine, 0);
      return;
    }
    phase = Phase.RETRIEVE_SCHEDULED;
    persist();
    report(u, FirmwareStatus.DOWNLOAD_SCHEDULED);
    timer = scheduler.schedule(wait, () -> download(u, mine, 0));
  }

  private void download(FirmwareUpdate u, int mine, int attempt) {
    FirmwareInstaller fw = installer;
    if (mine != epoch || fw == null) {
      return;
    }
    phase = Phase.DOWNLOADING;
    persist();
    if (attempt == 0) {
      report(u, FirmwareStatus.DOWNLOADING);
    }
    fw.download(u.location())
        .whenComplete(
            (downloaded, failure) -> {
              if (mine != epoch) {
                return;
              }
              if (failure != null) {
                LOG.info(
                    "firmware download {} of {} failed: {}",
                    attempt + 1,
                    u.location(),
                    reason(failure));
                if (attempt < u.retries()) {
                  phase = Phase.RETRY_WAIT;
                  timer =
                      scheduler.schedule(u.retryInterval(), () -> download(u, mine, attempt + 1));
                } else {
                  end(u, FirmwareStatus.DOWNLOAD_FAILED);
                }
                return;
              }
              downloaded(u, mine, downloaded);
            });
  }

  private void downloaded(FirmwareUpdate u, int mine, FirmwareInstaller.Image downloaded) {
    report(u, FirmwareStatus.DOWNLOADED);
    if (u.signed() && !signatureHolds(u, downloaded)) {
      securityEvent(
          "InvalidFirmwareSignature",
          "signature of the image from " + u.location() + " does not verify");
      end(u, FirmwareStatus.INVALID_SIGNATURE);
      return;
    }
    if (u.signed()) {
      report(u, FirmwareStatus.SIGNATURE_VERIFIED);
    }
    image = downloaded;
    Instant installAt = u.installAt();
    Duration wait =
        installAt == null ? Duration.ZERO : Duration.between(scheduler.now(), installAt);
    if (wait.isNegative() || wait.isZero()) {
      waitForIdle(u, mine);
      return;
    }
    // L01.FR.16: installation at the install time.
    phase = Phase.INSTALL_SCHEDULED;
    persist();
    report(u, FirmwareStatus.INSTALL_SCHEDULED);
    timer = scheduler.schedule(wait, () -> waitForIdle(u, mine));
  }

  private boolean signatureHolds(FirmwareUpdate u, FirmwareInstaller.Image downloaded) {
    FirmwareInstaller fw = installer;
    String pem = u.signingCertificate();
    String signature = u.signature();
    if (fw == null || pem == null || signature == null) {
      return false;
    }
    X509Certificate signer =
        FirmwareSignatures.signer(pem, fw.manufacturerRoots(), scheduler.now());
    if (signer == null) {
      return false;
    }
    try (InputStream in = downloaded.open()) {
      return FirmwareSignatures.verifies(signer, signature, in);
    } catch (IOException e) {
      LOG.warn("firmware image of {} unreadable: {}", u.location(), e.getMessage());
      return false;
    }
  }

  /** L01.FR.06/.07: the installation waits until no transaction runs; free EVSEs close. */
  private void waitForIdle(FirmwareUpdate u, int mine) {
    if (mine != epoch) {
      return;
    }
    phase = Phase.WAITING_FOR_IDLE;
    persist();
    evsesMayHaveChanged.run();
    if (idle.getAsBoolean()) {
      install(u, mine);
    } else {
      LOG.info("firmware update {} waits for the running transactions to end", u.requestId());
    }
  }

  private void install(FirmwareUpdate u, int mine) {
    FirmwareInstaller fw = installer;
    FirmwareInstaller.Image staged = image;
    if (mine != epoch || fw == null || staged == null || phase == Phase.INSTALLING) {
      return;
    }
    phase = Phase.INSTALLING;
    persist();
    report(u, FirmwareStatus.INSTALLING);
    fw.install(staged)
        .whenComplete(
            (version, failure) -> {
              if (mine != epoch) {
                return;
              }
              if (failure != null) {
                Throwable cause = unwrap(failure);
                boolean verification =
                    cause instanceof FirmwareInstaller.InstallFailure f && f.verification();
                LOG.warn("firmware installation failed: {}", cause.getMessage());
                end(
                    u,
                    verification
                        ? FirmwareStatus.INSTALL_VERIFICATION_FAILED
                        : FirmwareStatus.INSTALLATION_FAILED);
                return;
              }
              installed(u, version);
            });
  }

  /** L01.FR.32 (a): InstallRebooting, the reboot, then Installed from the new version. */
  private void installed(FirmwareUpdate u, String version) {
    newVersion = version;
    phase = Phase.REBOOTING;
    installedPending = true;
    image = null;
    persist();
    gateway.firmwareVersion(version);
    LOG.info("firmware {} installed; rebooting into it", version);
    if (!registered.getAsBoolean()) {
      reboot.run(); // offline: what waits goes out after the reboot, Installed last
      return;
    }
    // The reboot waits until the CSMS has every status up to InstallRebooting (or gave up on it).
    report(u, FirmwareStatus.INSTALL_REBOOTING);
    int mine = epoch;
    TaskScheduler.Cancellable latest = scheduler.schedule(REBOOT_WAIT, () -> rebootOnce(mine));
    reports.whenDrained(
        () -> {
          latest.cancel();
          rebootOnce(mine);
        });
  }

  /** Reboots for update {@code mine} unless that already happened. */
  private void rebootOnce(int mine) {
    if (mine == epoch && !rebooted) {
      rebooted = true;
      reboot.run();
    }
  }

  /** An end state: reported, the update done, the EVSEs open again. */
  private void end(FirmwareUpdate u, FirmwareStatus status) {
    report(u, status);
    finish();
  }

  private void finish() {
    TaskScheduler.cancel(timer);
    boolean closed = closesEvses();
    phase = null;
    image = null;
    persist();
    if (closed) {
      evsesMayHaveChanged.run();
    }
  }

  private void cancelCurrent() {
    TaskScheduler.cancel(timer);
    boolean closed = closesEvses();
    LOG.info(
        "firmware update {} cancelled by a new request",
        update == null ? null : update.requestId());
    phase = null;
    image = null;
    if (closed) {
      evsesMayHaveChanged.run();
    }
  }

  private void securityEvent(String type, String techInfo) {
    securityEvents.raise(type, techInfo);
  }

  private void report(FirmwareUpdate u, FirmwareStatus status) {
    Report r = new Report(status, u.requestId(), secure(u));
    lastSent = r;
    reports.add(r);
    persist();
  }

  /** Reported with the request id (2.0.1, 1.6 SignedFirmwareStatusNotification) or without. */
  private static boolean secure(FirmwareUpdate u) {
    return u.requestId() != null;
  }

  private String newVersionOr(String fallback) {
    String v = newVersion;
    return v != null ? v : fallback;
  }

  private void persist() {
    Report last = lastSent;
    snapshots.write(
        SNAPSHOT,
        FirmwareJobFormat.toBytes(
            new FirmwareJobFormat.Job(
                phase == null ? null : update,
                phase,
                newVersion,
                last == null ? null : last.status(),
                last == null ? null : last.requestId(),
                last != null && last.secure())));
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
  }

  private static String reason(Throwable failure) {
    Throwable cause = unwrap(failure);
    return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
  }
}
