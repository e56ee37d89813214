package org.sealpost.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A throw-away Postfix instance with its own config, queue and data folders ({@code postfix -c
 * DIR}), built from {@code interop/postfix/main.cf} and {@code master.cf} with {@code @KEY@}
 * placeholders filled in. It never reads or changes the machine's own Postfix ({@code
 * /etc/postfix/main.cf}) and listens only where {@code master.cf} says.
 *
 * <p>Known traps, from interop-notes §6.3 and §7: {@code postfix} prints errors only to a terminal,
 * so it runs under {@code script -qec … /dev/null}; its daemons run as user {@code postfix}, so
 * the folders must be traversable by it; Debian's policy-rc.d does not matter, since the instance
 * is started by hand. {@link #close()} stops it and waits for the master process to be gone.
 */
final class PrivatePostfix implements AutoCloseable {

  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

  private final Path postfix;
  private final Path base;

  private PrivatePostfix(Path postfix, Path base) {
    this.postfix = postfix;
    this.base = base;
  }

  /**
   * Writes the instance into {@code base} (which must be new or empty), copies {@code caPem} to
   * {@code base/ca.pem}, and starts it. {@code values} fills the templates' placeholders; {@code
   * @BASE@} is filled in here.
   */
  static PrivatePostfix start(Path postfix, Path base, Path caPem, Map<String, String> values)
      throws IOException {
    return start(postfix, base, caPem, "interop/postfix", values);
  }

  /**
   * As {@link #start(Path, Path, Path, Map)}, with {@code main.cf} and {@code master.cf} taken from
   * the resource folder {@code templates} (e.g. {@code interop/postfix-receiver}).
   */
  static PrivatePostfix start(Path postfix, Path base, Path caPem, String templates,
      Map<String, String> values) throws IOException {
    Path etc = base.resolve("etc");
    Path data = base.resolve("data");
    Files.createDirectories(etc);
    Files.createDirectories(data);
    // postfix chdirs into the queue folder before it would create it; it fills it in itself.
    Files.createDirectories(base.resolve("spool"));
    // Its daemons run as user postfix and open some files by absolute path.
    InteropPeers.openForTraversal(base);
    Files.copy(caPem, base.resolve("ca.pem"));
    Files.setPosixFilePermissions(base.resolve("ca.pem"), PosixFilePermissions.fromString("rw-r--r--"));
    // data_directory belongs to mail_owner (tlsmgr keeps its PRNG and session cache there).
    Files.setOwner(data, data.getFileSystem().getUserPrincipalLookupService()
        .lookupPrincipalByName("postfix"));
    for (String name : List.of("main.cf", "master.cf")) {
      Files.writeString(etc.resolve(name), InteropPeers.fillTemplate(templates + "/" + name,
          Map.of("BASE", base.toString()), values));
    }
    PrivatePostfix instance = new PrivatePostfix(postfix, base);
    // script(1) gives postfix a terminal, so a refused start explains itself in the output.
    Path script = InteropPeers.find("script").orElseThrow();
    PeerRun started = run(List.of(script.toString(), "-qec",
        postfix + " -c " + etc + " start", "/dev/null"));
    if (started.exitCode() != 0) {
      instance.close();
      throw new AssertionError("postfix did not start: " + started.describe()
          + "\n--- maillog\n" + instance.maillog());
    }
    return instance;
  }

  /** The instance's {@code main.cf} folder, for {@code postfix -c} and {@code sendmail -C}. */
  Path configDirectory() {
    return base.resolve("etc");
  }

  /** Everything postlogd has written so far. */
  String maillog() {
    try {
      return Files.readString(base.resolve("maillog"), StandardCharsets.ISO_8859_1);
    } catch (NoSuchFileException e) {
      return "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until a maillog line matches {@code pattern}; returns the match. */
  Matcher awaitLog(Pattern pattern, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      Matcher m = pattern.matcher(maillog());
      if (m.find()) {
        return m;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("maillog has no /" + pattern + "/ after " + timeout + ":\n"
            + maillog());
      }
      Thread.sleep(100);
    }
  }

  /** Stops the instance; the master process (which we started) is gone when this returns. */
  @Override
  public void close() {
    Optional<Long> master = masterPid();
    run(List.of(postfix.toString(), "-c", base.resolve("etc").toString(), "stop"));
    if (master.isEmpty()) {
      return;
    }
    Optional<ProcessHandle> handle = ProcessHandle.of(master.get());
    handle.ifPresent(h -> {
      try {
        h.onExit().get(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        h.destroyForcibly();
      } catch (ExecutionException | TimeoutException e) {
        h.destroyForcibly(); // our own master, by its pid, when "postfix stop" did not end it
      }
    });
  }

  private Optional<Long> masterPid() {
    try {
      return Optional.of(Long.parseLong(
          Files.readString(base.resolve("spool/pid/master.pid")).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static PeerRun run(List<String> command) {
    return InteropPeers.run(COMMAND_TIMEOUT, command);
  }
}
