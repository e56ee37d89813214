package org.sealpost.interop;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.sealpost.config.DeliveryConfig;
import org.sealpost.config.DnsMode;
import org.sealpost.config.ListenerKind;
import org.sealpost.config.RequireTlsMode;
import org.sealpost.config.TlsPolicyLevel;
import org.sealpost.dns.universe.DnsUniverse;
import org.sealpost.it.SealpostInstance;
import org.sealpost.smtp.client.SmtpClient;
import org.sealpost.tls.TestPki;
import org.slf4j.LoggerFactory;

/**
 * Sealpost delivers to Postfix 3.7 (Debian 12), the final destination for {@code dest.test}.
 *
 * <p>The sending Sealpost runs in process and finds Postfix the way it finds any MX: {@code
 * dest.test} is a DNSSEC-signed zone in a {@link DnsUniverse} with {@code MX 10 mx1.dest.test}
 * and {@code mx1.dest.test A 127.0.0.73}, validated in process ({@code [dns] mode = "validate"}).
 * Postfix listens there on a free port ({@code [delivery] port}) and presents a certificate for
 * {@code mx1.dest.test} from the test CA ({@code [delivery] ca_file}), with {@code
 * smtpd_tls_security_level = may}; it stores bob's mail in a Maildir through virtual(8).
 *
 * <ul>
 *   <li>An untagged message goes over STARTTLS that Sealpost verified (PKIX chain and the MX name,
 *       RFC 7817 / RFC 6125) and lands in bob's Maildir on the Postfix side.
 *   <li>A REQUIRETLS message does not go at all: Postfix 3.7 does not offer REQUIRETLS after
 *       STARTTLS (it arrived in Postfix 3.11), so Sealpost never sends MAIL FROM and bounces the
 *       message to the sender's local Maildir with {@code 5.7.30} and the header section only
 *       (RT-26, RT-36, RFC 8689 §4.2.1 and §5).
 * </ul>
 *
 * <p>One Postfix (config from {@code interop/postfix-receiver/}), one Sealpost (127.0.0.72) and
 * one DNS universe serve the class; each test reads only the Postfix log written after it began
 * and waits for its own SMTP session to end, so one test's lines never satisfy another's
 * assertions. Needs root, postfix and script; skips otherwise.
 */
@Tag("interop")
@TestMethodOrder(MethodOrderer.Random.class)
class PostfixReceiverInteropIT {

  private static final String SEALPOST_ADDRESS = "127.0.0.72";
  private static final String POSTFIX_ADDRESS = "127.0.0.73";
  private static final Duration WAIT = Duration.ofSeconds(30);
  /** The logger that writes Sealpost's one line per recipient per delivery attempt. */
  private static final String ATTEMPT_LOGGER = "org.sealpost.queue.DeliveryPass";

  @TempDir static Path dir;
  private static final ListAppender<ILoggingEvent> attempts = new ListAppender<>();
  private static DnsUniverse universe;
  private static PrivatePostfix postfix;
  private static SealpostInstance sealpost;
  private static int postfixPort;
  /** How much of Postfix's log earlier tests wrote: each test reads only what follows. */
  private int logMark;

  @BeforeAll
  static void start() throws Exception {
    if (Stream.of("postfix", "script").anyMatch(p -> InteropPeers.find(p).isEmpty())
        || !InteropPeers.isRoot()) {
      return; // requirePeers() skips every test and says why
    }
    TestPki pki = TestPki.create();
    Path caPem = pki.writeCaPem(dir.resolve("ca.pem"));

    Path base = dir.resolve("postfix");
    // virtual(8) writes as user postfix, into a base folder that user owns.
    Path mail = Files.createDirectories(base.resolve("mail"));
    UserPrincipalLookupService users = mail.getFileSystem().getUserPrincipalLookupService();
    PosixFileAttributeView owner = Files.getFileAttributeView(mail, PosixFileAttributeView.class);
    owner.setOwner(users.lookupPrincipalByName("postfix"));
    owner.setGroup(users.lookupPrincipalByGroupName("postfix")); // virtual(8) refuses gid 0
    TestPki.Pem tls = pki.server("mx1.dest.test").writePem(dir.resolve("postfix-tls"));
    postfixPort = InteropPeers.freePort(POSTFIX_ADDRESS);
    postfix = PrivatePostfix.start(InteropPeers.find("postfix").orElseThrow(), base, caPem,
        "interop/postfix-receiver", Map.of(
            "LISTEN", POSTFIX_ADDRESS,
            "PORT", Integer.toString(postfixPort),
            "CERT", tls.certificate().toString(),
            "KEY", tls.privateKey().toString(),
            "UID", Files.getAttribute(mail, "unix:uid").toString(),
            "GID", Files.getAttribute(mail, "unix:gid").toString()));

    universe = DnsUniverse.start();
    universe.zone("dest.test").signed().mx(10, "mx1.dest.test").a("mx1.dest.test", POSTFIX_ADDRESS);
    universe.zone("src.test").signed().mx(10, "mx.src.test").a("mx.src.test", SEALPOST_ADDRESS);
    // "may", the default: the verified-pkix below is what Sealpost achieved, not what it demanded.
    DeliveryConfig delivery = new DeliveryConfig(true, postfixPort, null, null, caPem,
        Duration.ofSeconds(3), Duration.ofSeconds(10), TlsPolicyLevel.MAY, RequireTlsMode.ENFORCE,
        List.of(), Path.of("mail"), true, null, null);
    attempts.start();
    ((Logger) LoggerFactory.getLogger(ATTEMPT_LOGGER)).addAppender(attempts);
    sealpost = SealpostInstance.builder(dir.resolve("sealpost")).pki(pki).address(SEALPOST_ADDRESS)
        .hostname("mx.src.test").localDomain("src.test")
        .dns(universe.config(DnsMode.VALIDATE, Duration.ofSeconds(2))).delivery(delivery).start();
  }

  @BeforeEach
  void requirePeers() {
    InteropPeers.require("postfix", "postfix");
    InteropPeers.require("script", "bsdutils");
    InteropPeers.requireRoot();
    logMark = postfix.maillog().length();
    synchronized (attempts) {
      attempts.list.clear();
    }
  }

  @AfterAll
  static void stop() {
    ((Logger) LoggerFactory.getLogger(ATTEMPT_LOGGER)).detachAppender(attempts);
    if (sealpost != null) {
      sealpost.close();
    }
    if (postfix != null) {
      postfix.close();
    }
    if (universe != null) {
      universe.close();
    }
  }

  @Test
  void untaggedMessageReachesPostfixOverVerifiedStartTls() throws Exception {
    String token = UUID.randomUUID().toString();
    submit(List.of(), token);

    Matcher attempt = awaitAttempt(Pattern.compile("to=<bob@dest\\.test> relay=mx1\\.dest\\.test\\["
        + Pattern.quote(POSTFIX_ADDRESS) + "]:" + postfixPort + " tls=verified-pkix requiretls=no "
        + "status=sent \\(250 2\\.0\\.0 Ok: queued as (\\w+)\\)"));
    String postfixId = attempt.group(1);

    // Postfix saw TLS from Sealpost, took the message under the queue id Sealpost was given, and
    // stored it in bob's Maildir. The whole session ends before the next test reads the log.
    awaitLog(Pattern.compile("TLS connection established from \\S+\\[127\\.0\\.0\\.\\d+]: "
        + "TLSv1\\.[23] with cipher"));
    awaitLog(Pattern.compile(postfixId + ": to=<bob@dest\\.test>, relay=virtual, .*"
        + "status=sent \\(delivered to maildir\\)"));
    Matcher session = awaitLog(Pattern.compile("disconnect from \\S+\\[127\\.0\\.0\\.\\d+]([^\\n]*)"));
    assertThat(session.group(1)).contains("starttls=1", "mail=1", "rcpt=1", "data=1");
    assertThat(bobsMessages()).singleElement().asString()
        .contains("Subject: interop " + token, "body " + token)
        .contains("by mx1.dest.test (Postfix) with ESMTPS id " + postfixId)
        .contains("(using TLSv1.")
        .contains("by mx.src.test (Sealpost)");
  }

  @Test
  void requireTlsMessageBouncesWithHeadersOnlyBecausePostfixDoesNotOfferIt_RT26_RT36()
      throws Exception {
    String token = UUID.randomUUID().toString();
    submit(List.of("REQUIRETLS"), token);

    String bounce = awaitBounce(token);
    assertThat(bounce)
        .contains("Status: 5.7.30", "REQUIRETLS", "text/rfc822-headers", "Subject: interop " + token)
        .doesNotContain("body " + token);
    // Sealpost reached Postfix over TLS; REQUIRETLS missing after STARTTLS is the reason for the
    // bounce (RFC 8689 §4.2.1).
    awaitAttempt(Pattern.compile("to=<bob@dest\\.test> .* status=bounced \\(.*mx1\\.dest\\.test\\["
        + Pattern.quote(POSTFIX_ADDRESS) + "]:" + postfixPort
        + ": the server does not offer REQUIRETLS after STARTTLS"));

    // Postfix had a TLS session that ended without MAIL FROM, and stored nothing.
    Matcher session = awaitLog(Pattern.compile("disconnect from \\S+\\[127\\.0\\.0\\.\\d+]([^\\n]*)"));
    assertThat(session.group(1)).contains("starttls=1").doesNotContain("mail=");
    assertThat(logSinceMark()).contains("TLS connection established from")
        .doesNotContain("cleanup").doesNotContain(token);
    assertThat(bobsMessages()).noneMatch(m -> m.contains(token));
  }

  private static void submit(List<String> mailParameters, String token) throws Exception {
    try (SmtpClient c = sealpost.connectStartTls(ListenerKind.SUBMISSION)) {
      assertThat(c.authPlain(SealpostInstance.USER, SealpostInstance.PASSWORD).code()).isEqualTo(235);
      assertThat(c.mail("carol@src.test", mailParameters).code()).isEqualTo(250);
      assertThat(c.rcpt("bob@dest.test", List.of()).code()).isEqualTo(250);
      String message = "From: carol@src.test\r\nTo: bob@dest.test\r\nSubject: interop " + token
          + "\r\nMessage-ID: <" + token + "@src.test>\r\n\r\nbody " + token + "\r\n";
      assertThat(c.data(message.getBytes(StandardCharsets.US_ASCII)).code()).isEqualTo(250);
    }
  }

  /** The bounce in carol's Maildir that quotes {@code token}, waiting up to {@link #WAIT}. */
  private static String awaitBounce(String token) throws Exception {
    Instant deadline = Instant.now().plus(WAIT);
    while (Instant.now().isBefore(deadline)) {
      for (String m : messages(sealpost.maildir("carol"))) {
        if (m.contains(token)) {
          return m;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no bounce for " + token + " after " + WAIT + "; Sealpost attempts: "
        + attemptLines() + "\n--- postfix maillog\n" + postfix.maillog());
  }

  /** What Postfix stored for bob@dest.test. */
  private static List<String> bobsMessages() throws Exception {
    return messages(dir.resolve("postfix/mail/bob"));
  }

  private static List<String> messages(Path maildir) throws Exception {
    Path fresh = maildir.resolve("new");
    if (!Files.isDirectory(fresh)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(fresh)) {
      List<String> found = new ArrayList<>();
      for (Path f : files.toList()) {
        found.add(Files.readString(f, StandardCharsets.ISO_8859_1));
      }
      return found;
    }
  }

  /** Postfix's log lines written since this test began. */
  private String logSinceMark() {
    return postfix.maillog().substring(logMark);
  }

  /** Waits for a line written since this test began to match {@code pattern}. */
  private Matcher awaitLog(Pattern pattern) throws InterruptedException {
    Instant deadline = Instant.now().plus(WAIT);
    while (true) {
      Matcher m = pattern.matcher(logSinceMark());
      if (m.find()) {
        return m;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("maillog has no /" + pattern + "/ after " + WAIT + ":\n"
            + logSinceMark());
      }
      Thread.sleep(100);
    }
  }

  /** Waits for Sealpost's attempt log line that matches {@code pattern}. */
  private static Matcher awaitAttempt(Pattern pattern) throws InterruptedException {
    Instant deadline = Instant.now().plus(WAIT);
    while (true) {
      List<String> lines = attemptLines();
      for (String line : lines) {
        Matcher m = pattern.matcher(line);
        if (m.find()) {
          return m;
        }
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("no attempt line matches /" + pattern + "/ after " + WAIT + ": "
            + lines + "\n--- postfix maillog\n" + postfix.maillog());
      }
      Thread.sleep(100);
    }
  }

  private static List<String> attemptLines() {
    synchronized (attempts) {
      return attempts.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }
}
