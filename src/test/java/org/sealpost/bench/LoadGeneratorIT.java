package org.sealpost.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealpost.Main;
import org.sealpost.config.ConfigLoader;

/**
 * The generator against a real Sealpost on 127.0.0.1 (port 0, self-signed certificate, durable
 * spool): what it counts as accepted is what the spool holds.
 */
class LoadGeneratorIT {

  @TempDir static Path dir;
  private static Main.Running server;
  private static LoopbackTarget target;

  @BeforeAll
  static void start() throws Exception {
    Path config = dir.resolve("sealpost.toml");
    Files.writeString(config, """
        [server]
        hostname = "sealpost.bench.test"
        data_dir = "%s"
        [[listener]]
        name = "mx"
        kind = "smtp"
        address = "127.0.0.1"
        port = 0
        [relay]
        trusted_networks = ["127.0.0.0/8"]
        [dns]
        mode = "off"
        [delivery]
        enabled = false
        """.formatted(dir.resolve("data")));
    server = Main.start(ConfigLoader.load(config));
    target = LoopbackTarget.parse("127.0.0.1:" + server.smtp().port("mx"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static SessionPlan plan(TlsMode tls, boolean requireTls, boolean pipelining)
      throws Exception {
    var context = tls == TlsMode.PLAIN ? null
        : TrustedCertificate.context(dir.resolve("data/tls/self-signed-cert.pem"));
    return new SessionPlan(target, tls, context, requireTls, pipelining, 2048);
  }

  private static long queued() throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve("data/spool/active"))) {
      return files.count();
    }
  }

  @Test
  void countsWhatTheSpoolAcceptedPlainAndWithStartTlsAndRequireTls() throws Exception {
    long before = queued();
    SendRun.Result plain = new SendRun(plan(TlsMode.PLAIN, false, true), 4, 5).run(23, 1);
    SendRun.Result tls = new SendRun(plan(TlsMode.STARTTLS, true, true), 3, 10).run(20, 100);
    SendRun.Result oneByOne = new SendRun(plan(TlsMode.STARTTLS, false, false), 2, 3).run(7, 200);

    assertThat(plain.accepted()).isEqualTo(23);
    assertThat(tls.accepted()).isEqualTo(20);
    assertThat(oneByOne.accepted()).isEqualTo(7);
    assertThat(plain.failed() + tls.failed() + oneByOne.failed()).isZero();
    assertThat(plain.latencies().percentileMillis(99)).isPositive();
    assertThat(queued() - before).isEqualTo(50);
  }

  @Test
  void holdsIdleSessionsOpenUntilClosed() throws Exception {
    try (IdleHold.Held held = new IdleHold(plan(TlsMode.STARTTLS, false, true)).open(30, 8)) {
      assertThat(held.sessions()).hasSize(30);
      assertThat(held.failed()).isZero();
    }
  }

  @Test
  void refusesTargetsOffLoopbackBeforeConnecting() {
    StringWriter err = new StringWriter();
    var cl = LoadGenerator.commandLine();
    cl.setErr(new PrintWriter(err));
    int code = cl.execute("send", "--target", "192.0.2.25:25", "-n", "1");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("not a loopback address");
  }
}
