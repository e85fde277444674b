package io.kilowire.hardware.station;

import io.kilowire.core.hal.FirmwareInstaller;
import io.kilowire.core.transfer.DownloadingFirmwareInstaller;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Installs a board station's firmware with the maker's command (the board config's {@code
 * firmware.installCommand}): the image goes to a file, the command runs with its path appended and
 * prints the version the image carries; a non-zero exit, no version or a command still running at
 * the time limit fail the install. The version installed is kept in the state directory, so a
 * restarted station boots with it.
 */
final class CommandFirmwareFlash implements DownloadingFirmwareInstaller.Flash {
  private final List<String> command;
  private final Duration timeout;
  private final Path workDir;
  private final Consumer<String> installed;

  /**
   * @param workDir where the image is written for the command
   * @param installed told the version of each image installed
   */
  CommandFirmwareFlash(
      List<String> command, Duration timeout, Path workDir, Consumer<String> installed) {
    this.command = List.copyOf(command);
    this.timeout = timeout;
    this.workDir = workDir;
    this.installed = installed;
  }

  @Override
  public CompletableFuture<String> write(byte[] image, URI from) {
    CompletableFuture<String> done = new CompletableFuture<>();
    // The command may take minutes: it runs on a thread of its own, never the station's.
    Thread t =
        new Thread(
            () -> {
              try {
                String version = run(image);
                installed.accept(version);
                done.complete(version);
              } catch (FirmwareInstaller.InstallFailure e) {
                done.completeExceptionally(e);
              } catch (IOException | RuntimeException e) {
                done.completeExceptionally(
                    new FirmwareInstaller.InstallFailure(
                        "install command failed: " + e.getMessage(), false));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                done.completeExceptionally(
                    new FirmwareInstaller.InstallFailure("install interrupted", false));
              }
            },
            "firmware-install");
    t.setDaemon(true);
    t.start();
    return done;
  }

  private String run(byte[] image) throws IOException, InterruptedException {
    Files.createDirectories(workDir);
    Path file = workDir.resolve("firmware-image.bin");
    Files.write(file, image);
    List<String> words = new ArrayList<>(command);
    words.add(file.toString());
    // Its output goes to a file: a chatty command never blocks on a full pipe.
    Path outputFile = workDir.resolve("install-output.txt");
    Process p =
        new ProcessBuilder(words)
            .redirectErrorStream(true)
            .redirectOutput(outputFile.toFile())
            .start();
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new FirmwareInstaller.InstallFailure(
          "install command still running after " + timeout.toSeconds() + " s", false);
    }
    String output = Files.readString(outputFile, StandardCharsets.UTF_8).strip();
    if (p.exitValue() != 0) {
      throw new FirmwareInstaller.InstallFailure(
          "install command exited with " + p.exitValue() + ": " + lastLine(output), true);
    }
    String version = lastLine(output);
    if (version == null) {
      throw new FirmwareInstaller.InstallFailure("install command printed no version", false);
    }
    return version;
  }

  private static @Nullable String lastLine(String output) {
    String[] lines = output.split("\\R");
    String last = lines[lines.length - 1].strip();
    return last.isEmpty() ? null : last;
  }
}
