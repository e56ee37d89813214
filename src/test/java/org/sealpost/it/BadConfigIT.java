package org.sealpost.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.sealpost.cli.SealpostCommand;
import picocli.CommandLine;

/**
 * A broken configuration stops Sealpost before it listens, with {@code FILE:LINE: problem} and exit
 * code 2, both for {@code config check} and for {@code serve} (architecture decision 5).
 */
class BadConfigIT {

  /** {@code it/bad-config/sealpost.toml} has a bare integer where a duration belongs, on line 12. */
  private static final String PROBLEM =
      ":12: [limits] idle_timeout: expected a duration like \"30s\", \"5m\", \"2h\" or \"1d\", got 30";

  @Test
  void configCheckAndServeNameTheFileAndLineAndExitTwoInProcess() throws Exception {
    Path file = badConfig();
    for (List<String> args : List.of(
        List.of("config", "check", file.toString()), List.of("serve", "--config", file.toString()))) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cl = new CommandLine(new SealpostCommand());
      cl.setOut(new PrintWriter(out, true));
      cl.setErr(new PrintWriter(err, true));
      assertThat(cl.execute(args.toArray(String[]::new))).as("%s", args).isEqualTo(2);
      assertThat(err.toString()).as("%s", args).isEqualTo(file + PROBLEM + "\n");
      assertThat(out.toString()).isEmpty();
    }
  }

  @Test
  void theShellLauncherReportsTheSame() throws Exception {
    Path root = Path.of(System.getProperty("user.dir"));
    Path script = root.resolve("bin/sealpost");
    assumeTrue(Files.isExecutable(script), "bin/sealpost not found from " + root);
    // The launcher rebuilds a stale jar with Maven; never do that from inside a test run.
    assumeTrue(packagedJarIsCurrent(root), "target/sealpost.jar missing or older than the sources");
    Path file = badConfig();
    for (List<String> args : List.of(
        List.of("config", "check", file.toString()), List.of("serve", "--config", file.toString()))) {
      ProcessBuilder pb = new ProcessBuilder(Stream.concat(Stream.of(script.toString()), args.stream()).toList())
          .directory(root.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
      Process p = pb.start();
      byte[] stderr = p.getErrorStream().readAllBytes();
      byte[] stdout = p.getInputStream().readAllBytes();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as("%s", args).isEqualTo(2);
      assertThat(new String(stderr, StandardCharsets.UTF_8)).as("%s", args).contains(file + PROBLEM);
      assertThat(stdout).isEmpty();
    }
  }

  private static Path badConfig() throws URISyntaxException {
    return Path.of(BadConfigIT.class.getResource("/it/bad-config/sealpost.toml").toURI());
  }

  /** The launcher's own staleness rule: nothing in src/main or pom.xml is newer than the jar. */
  private static boolean packagedJarIsCurrent(Path root) throws IOException {
    Path jar = root.resolve("target/sealpost.jar");
    if (!Files.isRegularFile(jar) || !Files.isDirectory(root.resolve("target/lib"))) {
      return false;
    }
    FileTime built = Files.getLastModifiedTime(jar);
    try (Stream<Path> sources = Stream.concat(Files.walk(root.resolve("src/main")), Stream.of(root.resolve("pom.xml")))) {
      return sources.noneMatch(p -> {
        try {
          return Files.getLastModifiedTime(p).compareTo(built) > 0;
        } catch (IOException e) {
          return true;
        }
      });
    }
  }
}
