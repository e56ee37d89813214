package org.sealpost.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@code sealpost serve --config FILE} in a child JVM, started from this JVM's class path (main and
 * test classes, so {@code logback-test.xml} sends its log to the file we read), for tests that must
 * kill the server for real.
 */
final class ChildSealpost {

  private final Process process;
  private final Path log;

  private ChildSealpost(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts the child and returns once its log says it is listening; its output goes to {@code log}. */
  static ChildSealpost start(Path config, Path log) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                "org.sealpost.Main", "serve", "--config", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    ChildSealpost child = new ChildSealpost(p, log);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!child.log().contains("started hostname=")) {
      if (!p.isAlive()) {
        throw new IOException("sealpost exited with " + p.exitValue() + ":\n" + child.log());
      }
      if (System.nanoTime() > end) {
        child.kill();
        throw new IOException("sealpost did not start within 30 s:\n" + child.log());
      }
      Thread.sleep(20);
    }
    return child;
  }

  /** SIGKILL on Linux: no shutdown hook, no flush, no goodbye. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** SIGTERM: the shutdown hook closes listeners and spool. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      kill();
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  String log() throws IOException {
    return Files.readString(log, StandardCharsets.ISO_8859_1); // never fails on a line cut by a kill
  }
}
