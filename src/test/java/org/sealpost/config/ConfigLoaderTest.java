package org.sealpost.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sealpost.mail.Domain;

@TestMethodOrder(MethodOrderer.Random.class)
class ConfigLoaderTest {

  static Path resources(String folder) throws URISyntaxException {
    return Path.of(ConfigLoaderTest.class.getResource("/config/" + folder).toURI());
  }

  static Stream<Path> badConfigs() throws Exception {
    try (Stream<Path> dirs = Files.list(resources("bad"))) {
      return dirs.filter(Files::isDirectory).sorted().toList().stream();
    }
  }

  /** The bad corpus: each folder's sealpost.toml fails with exactly its expected-error line. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("badConfigs")
  void refusesBadConfigWithFileAndLine(Path dir) throws IOException {
    String expected = Files.readString(dir.resolve("expected-error")).strip();
    Path file = dir.resolve("sealpost.toml");
    assertThatThrownBy(() -> ConfigLoader.load(file))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(e.getMessage()).isEqualTo(file + expected.substring(
            "sealpost.toml".length())));
  }

  @Test
  void badCorpusHasAtLeastTwentyFiveCases() throws Exception {
    assertThat(badConfigs().count()).isGreaterThanOrEqualTo(25);
  }

  @Test
  void emptyFileGivesTheDefaultsWithPathsUnderTheConfigFolder(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("sealpost.toml"), "# nothing\n");
    SealpostConfig c = ConfigLoader.load(file);
    SealpostConfig d = Defaults.config();
    Path dataDir = dir.toAbsolutePath().resolve("var");
    assertThat(c.server()).isEqualTo(new ServerConfig("localhost", dataDir));
    assertThat(c.spool().directory()).isEqualTo(dataDir.resolve("spool"));
    assertThat(c.listeners()).isEqualTo(d.listeners());
    assertThat(c.tls()).isEqualTo(d.tls());
    assertThat(c.limits()).isEqualTo(d.limits());
    assertThat(c.local()).isEqualTo(d.local());
    assertThat(c.relay()).isEqualTo(d.relay());
    assertThat(c.auth()).isEqualTo(d.auth());
    assertThat(c.requireTls()).isEqualTo(d.requireTls());
    assertThat(c.dns()).isEqualTo(d.dns());
    assertThat(c.log()).isEqualTo(d.log());
    assertThat(c.queue()).isEqualTo(d.queue());
    assertThat(c.delivery()).isEqualTo(d.delivery().withMaildirRoot(dataDir.resolve("mail")));
  }

  @Test
  void fullExampleSetsEveryKey() throws Exception {
    SealpostConfig c = ConfigLoader.load(resources("good").resolve("full.toml"));
    assertThat(c.server()).isEqualTo(new ServerConfig("mx.example.org", Path.of("/var/lib/sealpost")));
    assertThat(c.listeners()).containsExactly(
        new ListenerConfig("mx", ListenerKind.SMTP, "0.0.0.0", 25),
        new ListenerConfig("submission", ListenerKind.SUBMISSION, "::", 587),
        new ListenerConfig("submissions", ListenerKind.SUBMISSIONS, "::", 465));
    assertThat(c.tls()).isEqualTo(new TlsConfig(Path.of("/etc/sealpost/fullchain.pem"),
        Path.of("/etc/sealpost/privkey.pem"), "TLSv1.2", Duration.ofSeconds(30),
        Duration.ofMinutes(1), true));
    assertThat(c.limits()).isEqualTo(Defaults.limits());
    assertThat(c.local()).isEqualTo(new LocalConfig(
        List.of(Domain.of("example.org"), Domain.of("example.net")),
        List.of("postmaster", "alice", "bob"), "alice"));
    assertThat(c.relay().trustedNetworks()).hasSize(3);
    assertThat(c.auth().users()).singleElement().satisfies(u -> {
      assertThat(u.name()).isEqualTo("alice");
      assertThat(PasswordHash.verify("correct horse battery staple".toCharArray(), u.passwordHash()))
          .isTrue();
    });
    assertThat(c.spool().directory()).isEqualTo(Path.of("/var/lib/sealpost/spool"));
    assertThat(c.dns().trustAnchor()).isEqualTo(Path.of("/etc/sealpost/root.key"));
    assertThat(c.dns().cacheSize()).isEqualTo(10_000);
    assertThat(c.queue()).isEqualTo(Defaults.queue());
    assertThat(c.tlsRpt()).isEqualTo(new TlsRptConfig(true, "mx.example.org", "postmaster@mx.example.org",
        "mx.example.org", Duration.ofHours(4), Path.of("/var/lib/sealpost/tlsrpt"),
        Path.of("/etc/sealpost/report-ca.pem")));
    assertThat(c.delivery()).isEqualTo(new DeliveryConfig(true, 25, "mx.example.org",
        DeliveryRules.smartHost("relay.example.net:587"), Path.of("/etc/sealpost/ca.pem"), Duration.ofSeconds(30),
        Duration.ofMinutes(5), TlsPolicyLevel.DANE, RequireTlsMode.ENFORCE,
        List.of(new DestinationTlsConfig(
            "relay.example.net", TlsPolicyLevel.SECURE, RequireTlsMode.ENFORCE)),
        Path.of("/var/lib/sealpost/mail"), true, "sealpost",
        Path.of("/etc/sealpost/smart-host.password"), Duration.ofSeconds(10), 50,
        InetAddress.ofLiteral("192.0.2.25")));
  }

  @Test
  void queueSectionSetsTheRetryScheduleAndConcurrency(@TempDir Path dir) throws Exception { // SMTP-5
    Path file = Files.writeString(dir.resolve("sealpost.toml"), """
        [queue]
        retry_intervals = ["1m", "90s", "1h"]
        max_lifetime = "4d"
        bounce_lifetime = "1d"
        delay_notice_after = "30m"
        concurrency = 20
        concurrency_per_destination = 2
        """);
    assertThat(ConfigLoader.load(file).queue()).isEqualTo(new QueueConfig(
        List.of(Duration.ofMinutes(1), Duration.ofSeconds(90), Duration.ofHours(1)),
        Duration.ofDays(4), Duration.ofDays(1), Duration.ofMinutes(30), 20, 2));
  }

  @Test
  void defaultRetryScheduleBacksOffToHoursAndGivesUpAfterFiveDays() { // SMTP-5
    QueueConfig q = Defaults.queue();
    assertThat(q.retryIntervals().getLast()).isGreaterThanOrEqualTo(Duration.ofHours(2));
    assertThat(q.maxLifetime()).isGreaterThanOrEqualTo(Duration.ofDays(4));
    assertThat(q.bounceLifetime()).isLessThanOrEqualTo(q.maxLifetime());
  }

  @Test
  void fullExampleMentionsEveryKeyTheDefaultsWriterKnows() throws Exception {
    String full = Files.readString(resources("good").resolve("full.toml"));
    for (String line : TomlWriter.write(Defaults.config()).lines().toList()) {
      String key = line.replaceFirst("^# ", "").split(" = ")[0];
      if (line.contains(" = ")) {
        assertThat(full).as(key).containsPattern("(?m)^" + key + " = ");
      }
    }
  }

  @Test
  void acceptsOtherLegalTomlSpellings() throws Exception {
    SealpostConfig c = ConfigLoader.load(resources("good").resolve("odd-but-valid.toml"));
    assertThat(c.server().hostname()).isEqualTo("mx.example.org");
    assertThat(c.limits().maxRecipients()).isEqualTo(1000);
    assertThat(c.limits().maxMessageSize()).isEqualTo(65_536);
    assertThat(c.local().mailboxes()).containsExactly("postmaster", "Alice");
  }

  @Test
  void everyGoodExampleLoads() throws Exception {
    try (Stream<Path> files = Files.list(resources("good"))) {
      for (Path f : files.toList()) {
        assertThat(ConfigLoader.load(f)).as(f.toString()).isNotNull();
      }
    }
  }

  @Test
  void writtenConfigReadsBackEqual(@TempDir Path dir) throws Exception {
    for (String name : List.of("full.toml", "mx-only.toml", "empty.toml")) {
      SealpostConfig first = ConfigLoader.load(resources("good").resolve(name));
      Path copy = Files.writeString(dir.resolve(name), TomlWriter.write(first));
      assertThat(ConfigLoader.load(copy)).as(name).isEqualTo(first);
    }
  }

  @Test
  void writtenDefaultsKeepDataDirPathsRelativeToDataDir(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("sealpost.toml"), TomlWriter.write(Defaults.config()));
    SealpostConfig c = ConfigLoader.load(file);
    Path dataDir = dir.toAbsolutePath().resolve("var");
    assertThat(c.spool().directory()).isEqualTo(dataDir.resolve("spool"));
    assertThat(c.delivery().maildirRoot()).isEqualTo(dataDir.resolve("mail"));
    assertThat(c.delivery()).isEqualTo(Defaults.delivery().withMaildirRoot(dataDir.resolve("mail")));
  }

  @Test
  void relativeCertificatePathsResolveAgainstTheConfigFolder(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("sealpost.toml"), """
        [server]
        data_dir = "/srv/sealpost"
        [tls]
        certificate = "tls/cert.pem"
        private_key = "../keys/key.pem"
        [spool]
        directory = "queue"
        """);
    SealpostConfig c = ConfigLoader.load(file);
    Path base = dir.toAbsolutePath();
    assertThat(c.tls().certificate()).isEqualTo(base.resolve("tls/cert.pem"));
    assertThat(c.tls().privateKey()).isEqualTo(base.getParent().resolve("keys/key.pem"));
    assertThat(c.spool().directory()).isEqualTo(Path.of("/srv/sealpost/queue"));
  }

  @Test
  void missingFileIsAnErrorWithoutALine(@TempDir Path dir) {
    Path file = dir.resolve("nope.toml");
    assertThatThrownBy(() -> ConfigLoader.load(file))
        .hasMessage(file + ": no such file");
  }

  @Test
  void sizesAndDurationsTakeTheirUnits(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("s.toml"), """
        [limits]
        max_message_size = "10M"
        max_header_bytes = "64kB"
        idle_timeout = "2h"
        session_timeout = "1d"
        [tls]
        handshake_timeout = "500ms"
        reload_interval = "0s"
        """);
    SealpostConfig c = ConfigLoader.load(file);
    assertThat(c.limits().maxMessageSize()).isEqualTo(10L << 20);
    assertThat(c.limits().maxHeaderBytes()).isEqualTo(64_000);
    assertThat(c.limits().idleTimeout()).isEqualTo(Duration.ofHours(2));
    assertThat(c.limits().sessionTimeout()).isEqualTo(Duration.ofDays(1));
    assertThat(c.tls().handshakeTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.tls().reloadInterval()).isZero();
  }

  @Test
  void listenerKeysDefaultByKindAndPortZeroNeverClashes(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("l.toml"), """
        [[listener]]
        kind = "submissions"
        [[listener]]
        name = "a"
        port = 0
        [[listener]]
        name = "b"
        port = 0
        """);
    assertThat(ConfigLoader.load(file).listeners()).containsExactly(
        new ListenerConfig("submissions", ListenerKind.SUBMISSIONS, "127.0.0.1", 2465),
        new ListenerConfig("a", ListenerKind.SMTP, "127.0.0.1", 0),
        new ListenerConfig("b", ListenerKind.SMTP, "127.0.0.1", 0));
  }
}
