package org.sealpost.interop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finding and running the Debian programs the interop tests talk to.
 *
 * <p>Programs are looked up in the Debian system directories only, never on {@code PATH}: a
 * developer machine may put a pyenv {@code python3} or a hand-built {@code openssl} first, and
 * those do not see apt's packages (interop-notes §6). A missing program makes the calling test skip
 * through {@link #require}; {@code .ci/run} installs every one of them and sets {@code
 * SEALPOST_INTEROP=required}, so there a missing program fails instead of skipping unnoticed.
 * Tests call {@code require} from {@code @BeforeEach}, so every skipped test shows as skipped.
 *
 * <p>{@link #run} writes stdin, waits with a deadline and captures both output streams through
 * files (no pipe can fill up and stall the child). A child that outlives its deadline is killed,
 * and the test fails with what it had printed so far.
 */
final class InteropPeers {

  /** Environment variable: {@code required} turns a missing peer from a skip into a failure. */
  static final String REQUIRED_ENV = "SEALPOST_INTEROP";

  private static final List<Path> SYSTEM_DIRS =
      List.of(Path.of("/usr/bin"), Path.of("/usr/sbin"), Path.of("/bin"), Path.of("/sbin"));

  private InteropPeers() {}

  /** The program {@code name} in a Debian system directory, if installed. */
  static Optional<Path> find(String name) {
    return SYSTEM_DIRS.stream()
        .map(dir -> dir.resolve(name))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /**
   * The program {@code name}; skips the calling test when it is not installed, or fails it when
   * {@code SEALPOST_INTEROP=required} (set by {@code .ci/run}, which installs every peer).
   */
  static Path require(String name, String debianPackage) {
    Optional<Path> program = find(name);
    requireThat(program.isPresent(),
        name + " is not installed (apt-get install " + debianPackage + "); .ci/run installs it");
    return program.orElseThrow();
  }

  /** Skips the calling test unless {@code available}; in CI ({@link #REQUIRED_ENV}) fails it. */
  static void requireThat(boolean available, String why) {
    if (!available && "required".equals(System.getenv(REQUIRED_ENV))) {
      throw new AssertionError(REQUIRED_ENV + "=required, but " + why);
    }
    assumeTrue(available, why);
  }

  /** Skips the calling test unless the JVM runs as root (a private Postfix instance needs it). */
  static void requireRoot() {
    requireThat(isRoot(), "needs root: Postfix's master starts as root and drops to user postfix");
  }

  static boolean isRoot() {
    try {
      // /proc/self belongs to the effective user of this process.
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /** Runs {@code command} with no input. */
  static PeerRun run(Duration timeout, List<String> command) {
    return run(timeout, null, command);
  }

  /**
   * Runs {@code command} in a fresh temporary folder, feeding it {@code stdin} (then end of
   * input), and returns its exit code and output. Fails the test if it does not end within
   * {@code timeout}.
   */
  static PeerRun run(Duration timeout, @Nullable String stdin, List<String> command) {
    Path work = null;
    try {
      work = Files.createTempDirectory("sealpost-peer-");
      Path in = work.resolve("stdin");
      Path out = work.resolve("stdout");
      Path err = work.resolve("stderr");
      Files.writeString(in, stdin == null ? "" : stdin, StandardCharsets.UTF_8);
      ProcessBuilder pb = new ProcessBuilder(command)
          .directory(work.toFile())
          .redirectInput(in.toFile())
          .redirectOutput(out.toFile())
          .redirectError(err.toFile());
      Process p = pb.start();
      boolean ended = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!ended) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
      PeerRun result = new PeerRun(command, ended ? p.exitValue() : -1,
          Files.readString(out, StandardCharsets.ISO_8859_1),
          Files.readString(err, StandardCharsets.ISO_8859_1));
      if (!ended) {
        throw new AssertionError("timed out after " + timeout + ": " + result.describe());
      }
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } finally {
      deleteQuietly(work);
    }
  }

  /** A file shipped under {@code src/test/resources}, e.g. {@code interop/smtplib/client.py}. */
  static Path resource(String name) {
    URL url = InteropPeers.class.getClassLoader().getResource(name);
    if (url == null) {
      throw new IllegalStateException("test resource missing: " + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The text of the resource {@code template} with every {@code @KEY@} replaced by its value from
   * {@code fixed} or {@code values}; a placeholder left without a value is a bug in the test.
   */
  static String fillTemplate(String template, Map<String, String> fixed,
      Map<String, String> values) throws IOException {
    String text = Files.readString(resource(template));
    for (Map<String, String> map : List.of(fixed, values)) {
      for (Map.Entry<String, String> v : map.entrySet()) {
        text = text.replace("@" + v.getKey() + "@", v.getValue());
      }
    }
    Matcher unfilled = Pattern.compile("@[A-Z_]+@").matcher(text);
    if (unfilled.find()) {
      throw new IllegalArgumentException(template + ": no value for " + unfilled.group());
    }
    return text;
  }

  /** A TCP port that was free on {@code address} a moment ago, for peers that need a fixed one. */
  static int freePort(String address) {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Lets every user traverse each folder from {@code base} up to the system temp folder. Peers
   * drop root and run as their own user ({@code postfix}, {@code Debian-exim}) yet open their
   * files by absolute path, while JUnit's temp folders are 0700.
   */
  static void openForTraversal(Path base) throws IOException {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toRealPath();
    Path real = base.toRealPath();
    if (!real.startsWith(tmp)) {
      throw new IllegalArgumentException("a private peer lives under " + tmp + ", not " + real);
    }
    for (Path p = real; !p.equals(tmp); p = p.getParent()) {
      Set<PosixFilePermission> perms = new HashSet<>(Files.getPosixFilePermissions(p));
      perms.addAll(List.of(PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.GROUP_EXECUTE));
      Files.setPosixFilePermissions(p, perms);
    }
  }

  private static void deleteQuietly(@Nullable Path dir) {
    if (dir == null) {
      return;
    }
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // A leftover temp folder is harmless; the result is what matters.
    }
  }
}
