package org.sealpost.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.sealpost.tls.TestPki;

/**
 * A throw-away Exim 4.96 daemon from Debian's {@code exim4-daemon-light}, with its own config,
 * spool, log and mail folders under one base folder.
 *
 * <p>Exim and Postfix conflict as Debian packages, and the tests need Postfix, so Exim is not
 * installed: {@code .ci/run} unpacks the package ({@code apt-get download} + {@code dpkg -x}) into
 * {@code SEALPOST_EXIM_DIR} (default {@value #DEFAULT_DIR}) and drops the binary's set-uid bit.
 * A system-wide {@code /usr/sbin/exim4} is used when that is absent.
 *
 * <p>Debian builds Exim with its user as a name ({@code Debian-exim}) looked up when the binary
 * starts, before any config is read: without that user it will not even print its version
 * (interop-notes item 20), and {@code exim_user} in the config cannot help. So the daemon runs in a
 * private mount namespace ({@code unshare -m}, which needs root) where copies of {@code
 * /etc/passwd} and {@code /etc/group} with a {@code Debian-exim} entry on an unused uid are
 * bind-mounted over the real ones. The machine's files are never changed, and Exim's children
 * (it re-executes itself for each delivery, at {@code exim_path}) stay in the namespace.
 *
 * <p>The daemon runs in the foreground ({@code -bdf}), so it is this JVM's child and {@link
 * #close()} ends exactly it. The config is {@code interop/exim/exim.conf}, read with {@code -C};
 * Exim keeps root for the daemon because its caller is root, and receives and delivers as
 * {@code Debian-exim}, which owns the spool, log and mail folders.
 */
final class PrivateExim implements AutoCloseable {

  /** Environment variable naming the folder the exim4-daemon-light package was unpacked into. */
  static final String DIR_ENV = "SEALPOST_EXIM_DIR";
  static final String DEFAULT_DIR = "/opt/sealpost-interop/exim4";
  private static final String USER = "Debian-exim";
  /** First uid/gid tried for the namespace's Debian-exim: above Debian's dynamic system range. */
  private static final int FIRST_ID = 64100;
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  private final Process daemon;
  private final Path base;

  private PrivateExim(Process daemon, Path base) {
    this.daemon = daemon;
    this.base = base;
  }

  /** The Exim binary: the unpacked package, else an installed one. */
  static Optional<Path> find() {
    return Stream.of(unpackedDir().resolve("usr/sbin/exim4"), Path.of("/usr/sbin/exim4"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /**
   * The Exim binary; skips the calling test (fails it under {@code SEALPOST_INTEROP=required}) when
   * Exim, {@code unshare} or root is missing.
   */
  static Path require() {
    Optional<Path> exim = find();
    InteropPeers.requireThat(exim.isPresent(), "Exim is neither unpacked in " + unpackedDir()
        + " ($" + DIR_ENV + ", default " + DEFAULT_DIR + ") nor installed; .ci/run unpacks"
        + " exim4-daemon-light there");
    InteropPeers.require("unshare", "util-linux");
    InteropPeers.requireThat(InteropPeers.isRoot(),
        "needs root: Exim runs in a mount namespace that gives it the Debian-exim user");
    return exim.orElseThrow();
  }

  private static Path unpackedDir() {
    return Path.of(Optional.ofNullable(System.getenv(DIR_ENV)).orElse(DEFAULT_DIR));
  }

  /**
   * Writes the instance into {@code base} (new or empty) and starts the daemon on {@code
   * listen:port} with the certificate chain and key of {@code tls}; returns once it listens.
   */
  static PrivateExim start(Path exim, Path base, String listen, int port, TestPki.Issued tls)
      throws IOException, InterruptedException {
    Files.createDirectories(base);
    InteropPeers.openForTraversal(base);
    int id = unusedId();
    Path passwd = base.resolve("passwd");
    Path group = base.resolve("group");
    Files.writeString(passwd, withEntry(Path.of("/etc/passwd"),
        USER + ":x:" + id + ":" + id + "::/nonexistent:/usr/sbin/nologin"));
    Files.writeString(group, withEntry(Path.of("/etc/group"), USER + ":x:" + id + ":"));
    // Exim reads its key after dropping to Debian-exim: give that user copies it alone can read.
    Path cert = base.resolve("tls-cert.pem");
    Path key = base.resolve("tls-key.pem");
    Files.copy(tls.writePem(base.resolve("tls")).certificate(), cert);
    Files.writeString(key, GnuTlsKeys.pem(tls));
    for (String folder : List.of("spool", "log", "mail")) {
      Files.createDirectory(base.resolve(folder));
    }
    for (String owned : List.of("spool", "log", "mail", "tls-cert.pem", "tls-key.pem")) {
      Files.setAttribute(base.resolve(owned), "unix:uid", id);
      Files.setAttribute(base.resolve(owned), "unix:gid", id);
    }
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    Path config = base.resolve("exim.conf");
    Files.writeString(config, InteropPeers.fillTemplate("interop/exim/exim.conf",
        Map.of("BASE", base.toString()), Map.of(
            "EXIM", exim.toString(), "LISTEN", listen, "PORT", Integer.toString(port),
            "CERT", cert.toString(), "KEY", key.toString())));
    // Exim refuses a -C file that others may write; ours is root's and 0644 already, but say so.
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));

    Path unshare = InteropPeers.find("unshare").orElseThrow();
    ProcessBuilder pb = new ProcessBuilder(unshare.toString(), "-m", "/bin/sh", "-c",
        "mount --bind \"$1\" /etc/passwd && mount --bind \"$2\" /etc/group"
            + " && exec \"$3\" -C \"$4\" -bdf",
        "sh", passwd.toString(), group.toString(), exim.toString(), config.toString())
        .directory(base.toFile())
        .redirectErrorStream(true)
        .redirectOutput(base.resolve("daemon.out").toFile());
    PrivateExim instance = new PrivateExim(pb.start(), base);
    instance.awaitListening(new InetSocketAddress(listen, port));
    return instance;
  }

  /** Everything Exim has written to its main log so far. */
  String mainlog() {
    return read(base.resolve("log/mainlog"));
  }

  /** The main, reject and panic logs and the daemon's own output, for failure messages. */
  String logs() {
    return "--- mainlog\n" + mainlog() + "--- rejectlog\n" + read(base.resolve("log/rejectlog"))
        + "--- paniclog\n" + read(base.resolve("log/paniclog"))
        + "--- daemon output\n" + read(base.resolve("daemon.out"));
  }

  /** The Maildir Exim's {@code maildir} transport writes {@code localPart}'s mail to. */
  Path maildir(String localPart) {
    return base.resolve("mail").resolve(localPart);
  }

  /** Stops the daemon (SIGTERM, then SIGKILL after 10 s); it is gone when this returns. */
  @Override
  public void close() {
    daemon.destroy();
    try {
      if (!daemon.waitFor(10, TimeUnit.SECONDS)) {
        daemon.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      daemon.destroyForcibly();
    }
  }

  /** Waits for the log line Exim writes once its listening socket is open. */
  private void awaitListening(InetSocketAddress address) throws InterruptedException {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    String started = "daemon started: pid=" + daemon.pid();
    while (!mainlog().contains(started)) {
      if (!daemon.isAlive()) {
        throw new AssertionError("exim did not start (exit " + daemon.exitValue() + ")\n" + logs());
      }
      if (Instant.now().isAfter(deadline)) {
        close();
        throw new AssertionError("exim is not listening on " + address + " after "
            + START_TIMEOUT + "\n" + logs());
      }
      Thread.sleep(50);
    }
  }

  /** The lowest id from {@link #FIRST_ID} that no user or group on this machine has. */
  private static int unusedId() throws IOException {
    Set<String> taken = new HashSet<>();
    for (Path f : List.of(Path.of("/etc/passwd"), Path.of("/etc/group"))) {
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        String[] fields = line.split(":", -1);
        if (fields.length > 3) {
          taken.add(fields[2]);
          taken.add(fields[3]);
        }
      }
    }
    int id = FIRST_ID;
    while (taken.contains(Integer.toString(id))) {
      id++;
    }
    return id;
  }

  /** {@code file} with any Debian-exim entry replaced by {@code entry}. */
  private static String withEntry(Path file, String entry) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
        .filter(line -> !line.startsWith(USER + ":"))
        .collect(Collectors.joining("\n", "", "\n")) + entry + "\n";
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (NoSuchFileException e) {
      return "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
