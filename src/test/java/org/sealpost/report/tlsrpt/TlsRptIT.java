package org.sealpost.report.tlsrpt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealpost.Main;
import org.sealpost.config.DeliveryConfig;
import org.sealpost.config.Defaults;
import org.sealpost.config.DnsMode;
import org.sealpost.config.ListenerConfig;
import org.sealpost.config.ListenerKind;
import org.sealpost.config.LocalConfig;
import org.sealpost.config.LogConfig;
import org.sealpost.config.RelayConfig;
import org.sealpost.config.RequireTlsMode;
import org.sealpost.config.SealpostConfig;
import org.sealpost.config.ServerConfig;
import org.sealpost.config.SpoolConfig;
import org.sealpost.config.TlsConfig;
import org.sealpost.config.TlsPolicyLevel;
import org.sealpost.config.TlsRptConfig;
import org.sealpost.delivery.TlsSessionResult;
import org.sealpost.dns.universe.DnsUniverse;
import org.sealpost.mail.Domain;
import org.sealpost.tls.TestPki;

/**
 * A real Sealpost ({@link Main#start}) with TLS reporting on and local Maildir delivery. Yesterday's
 * session results are in its store when it starts; the policy domain publishes
 * {@code _smtp._tls} with a {@code mailto:} rua (a local mailbox of this very instance) and an
 * {@code https:} rua (a JDK HttpsServer on loopback). With {@code max_delay = 0} the scheduler
 * reports at once: the mail goes through the queue into the Maildir, the POST to the endpoint, and
 * both carry the same report.
 */
class TlsRptIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String HOST = "mx.sender.test";

  @TempDir Path dir;
  private final TestPki pki = TestPki.create();
  private DnsUniverse universe;
  private ReportEndpoint endpoint;

  @BeforeEach
  void start() throws Exception {
    universe = DnsUniverse.start();
    endpoint = ReportEndpoint.start(pki, "127.0.0.66");
  }

  @AfterEach
  void stop() throws Exception {
    endpoint.close();
    universe.close();
  }

  /** The mixed day, moved to yesterday (UTC) so the running scheduler finds it due. */
  private static List<TlsSessionResult> yesterday(LocalDate day) {
    Duration shift = Duration.between(Sessions.DAY.atStartOfDay(ZoneOffset.UTC), day.atStartOfDay(ZoneOffset.UTC));
    return Sessions.mixedDay().stream().map(r -> new TlsSessionResult(r.at().plus(shift), r.policyDomain(),
        r.policyType(), r.policyStrings(), r.mxHost(), r.sendingMtaIp(), r.receivingMxHostname(),
        r.receivingMxHelo(), r.receivingIp(), r.failure(), r.additionalInformation())).toList();
  }

  private SealpostConfig config(Path dataDir, TlsRptConfig tlsRpt) throws Exception {
    TestPki.Pem files = pki.server(HOST).writePem(dir.resolve("tls"));
    DeliveryConfig local = new DeliveryConfig(true, 25, null, null, null, Duration.ofSeconds(3),
        Duration.ofSeconds(10), TlsPolicyLevel.MAY, RequireTlsMode.ENFORCE, List.of(), dataDir.resolve("mail"),
        true, null, null);
    ServerConfig server = new ServerConfig(HOST, dataDir);
    return SealpostConfig.defaults().toBuilder()
        .server(server)
        .listeners(List.of(new ListenerConfig("smtp", ListenerKind.SMTP, "127.0.0.65", 0)))
        .tls(new TlsConfig(files.certificate(), files.privateKey(), "TLSv1.2", Duration.ofSeconds(10), Duration.ZERO, false))
        .local(new LocalConfig(List.of(new Domain("sender.test")), List.of("postmaster", "tlsrpt"), "postmaster"))
        .relay(new RelayConfig(List.of()))
        .spool(new SpoolConfig(dataDir.resolve("spool")))
        .dns(universe.config(DnsMode.OFF, Duration.ofSeconds(2)))
        .log(new LogConfig("info", false))
        .delivery(local)
        .mtaSts(Defaults.mtaSts(dataDir))
        .mtaStsPolicy(Defaults.mtaStsPolicy(server, Defaults.local()))
        .tlsRpt(tlsRpt)
        .build();
  }

  @Test
  void dailyReportArrivesInTheMaildirAndAtTheHttpsEndpoint() throws Exception {
    LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    Path dataDir = dir.resolve("data");
    TlsRptConfig tlsRpt = new TlsRptConfig(true, "Sealpost IT", "postmaster@sender.test", HOST, Duration.ZERO,
        dataDir.resolve("tlsrpt"), pki.writeCaPem(dir.resolve("ca.pem")));
    try (ResultStore store = ResultStore.open(tlsRpt.storeDir())) {
      yesterday(day).forEach(store::sessionEnded);
    }
    universe.zone("company-y.example").txt("_smtp._tls.company-y.example",
        "v=TLSRPTv1; rua=mailto:tlsrpt@sender.test,", endpoint.uri().toString());
    String expected = new ReportBuilder("Sealpost IT", "postmaster@sender.test", HOST)
        .build(DayResults.of(day, yesterday(day)), Sessions.STS_DOMAIN).json();

    try (Main.Running running = Main.start(config(dataDir, tlsRpt))) {
      assertThat(running.tlsRpt()).isNotNull();
      ReportEndpoint.Post post = endpoint.take((int) WAIT.toSeconds());
      assertThat(post).as("HTTPS report").isNotNull();
      assertThat(post.contentType()).isEqualTo("application/tlsrpt+gzip");
      assertThat(ReportFiles.gunzip(post.body())).isEqualTo(expected);

      String mail = awaitMaildir(dataDir.resolve("mail/tlsrpt/Maildir"));
      ReportMessage m = ReportMessage.parse(mail);
      assertThat(m.header("return-path")).isEqualTo("<>");
      assertThat(m.header("content-type")).startsWith("multipart/report; report-type=\"tlsrpt\"");
      assertThat(m.header("tls-report-domain")).isEqualTo("company-y.example");
      assertThat(m.header("tls-report-submitter")).isEqualTo(HOST);
      assertThat(m.header("tls-required")).isEqualTo("No");
      assertThat(m.header("subject")).isEqualTo("Report Domain: company-y.example Submitter: " + HOST
          + " Report-ID: <" + day + ".company-y.example@" + HOST + ">");
      assertThat(m.parts()).extracting(p -> p.header("content-type"))
          .containsExactly("text/plain; charset=us-ascii", "application/tlsrpt+gzip");
      assertThat(ReportFiles.gunzip(m.parts().get(1).decodedBody())).isEqualTo(expected);

      // dane.example publishes no record: no report, and company-y.example's is sent only once.
      assertThat(TlsReporting.show(tlsRpt, day)).extracting(TlsReporting.Shown::sent).containsExactly(true, false);
      running.tlsRpt().scheduler().runDue();
      assertThat(endpoint.take(1)).isNull();
    }
  }

  private static String awaitMaildir(Path maildir) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    Path fresh = maildir.resolve("new");
    while (System.nanoTime() < deadline) {
      if (Files.isDirectory(fresh)) {
        try (Stream<Path> files = Files.list(fresh)) {
          List<Path> found = files.toList();
          if (!found.isEmpty()) {
            assertThat(found).hasSize(1);
            return Files.readString(found.getFirst(), StandardCharsets.US_ASCII);
          }
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no message in " + fresh + " within " + WAIT);
  }
}
