package org.sealpost.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
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
import org.sealpost.testing.Maildirs;
import org.sealpost.tls.TestPki;

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
 * one DNS universe ({@link DeliveringSealpost}) serve the class; each test reads only the Postfix
 * log written after it began ({@link LogTail}) and waits for its own SMTP session to end, so one
 * test's lines never satisfy another's assertions. {@link EximReceiverInteropIT} is the same
 * scenario against Exim. Needs root, postfix and script; skips otherwise.
 */
@Tag("interop")
@TestMethodOrder(MethodOrderer.Random.class)
class PostfixReceiverInteropIT {

  private static final String SEALPOST_ADDRESS = "127.0.0.72";
  private static final String POSTFIX_ADDRESS = "127.0.0.73";
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir static Path dir;
  private static PrivatePostfix postfix;
  private static DeliveringSealpost sealpost;
  private static LogTail maillog;
  private static int postfixPort;

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
    TestPki.Pem tls = pki.server(DeliveringSealpost.MX).writePem(dir.resolve("postfix-tls"));
    postfixPort = InteropPeers.freePort(POSTFIX_ADDRESS);
    postfix = PrivatePostfix.start(InteropPeers.find("postfix").orElseThrow(), base, caPem,
        "interop/postfix-receiver", Map.of(
            "LISTEN", POSTFIX_ADDRESS,
            "PORT", Integer.toString(postfixPort),
            "CERT", tls.certificate().toString(),
            "KEY", tls.privateKey().toString(),
            "UID", Files.getAttribute(mail, "unix:uid").toString(),
            "GID", Files.getAttribute(mail, "unix:gid").toString()));
    maillog = new LogTail("Postfix maillog", postfix::maillog);
    sealpost = DeliveringSealpost.start(dir.resolve("sealpost"), pki, SEALPOST_ADDRESS,
        POSTFIX_ADDRESS, postfixPort, List.of());
  }

  @BeforeEach
  void requirePeers() {
    InteropPeers.require("postfix", "postfix");
    InteropPeers.require("script", "bsdutils");
    InteropPeers.requireRoot();
    maillog.mark();
    sealpost.clearAttempts();
  }

  @AfterAll
  static void stop() {
    if (sealpost != null) {
      sealpost.close();
    }
    if (postfix != null) {
      postfix.close();
    }
  }

  @Test
  void untaggedMessageReachesPostfixOverVerifiedStartTls() throws Exception {
    String token = UUID.randomUUID().toString();
    sealpost.submit(List.of(), token);

    Matcher attempt = sealpost.awaitAttempt(Pattern.compile("to=<bob@dest\\.test> "
        + "relay=mx1\\.dest\\.test\\[" + Pattern.quote(POSTFIX_ADDRESS) + "]:" + postfixPort
        + " tls=verified-pkix requiretls=no status=sent \\(250 2\\.0\\.0 Ok: queued as (\\w+)\\)"),
        WAIT, postfix::maillog);
    String postfixId = attempt.group(1);

    // Postfix saw TLS from Sealpost, took the message under the queue id Sealpost was given, and
    // stored it in bob's Maildir. The whole session ends before the next test reads the log.
    maillog.await(Pattern.compile("TLS connection established from \\S+\\[127\\.0\\.0\\.\\d+]: "
        + "TLSv1\\.[23] with cipher"), WAIT);
    maillog.await(Pattern.compile(postfixId + ": to=<bob@dest\\.test>, relay=virtual, .*"
        + "status=sent \\(delivered to maildir\\)"), WAIT);
    Matcher session = maillog.await(
        Pattern.compile("disconnect from \\S+\\[127\\.0\\.0\\.\\d+]([^\\n]*)"), WAIT);
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
    sealpost.submit(List.of("REQUIRETLS"), token);

    String bounce = sealpost.awaitBounce(token, WAIT, postfix::maillog);
    assertThat(bounce)
        .contains("Status: 5.7.30", "REQUIRETLS", "text/rfc822-headers", "Subject: interop " + token)
        .doesNotContain("body " + token);
    // Sealpost reached Postfix over TLS; REQUIRETLS missing after STARTTLS is the reason for the
    // bounce (RFC 8689 §4.2.1).
    sealpost.awaitAttempt(Pattern.compile("to=<bob@dest\\.test> .* status=bounced "
        + "\\(.*mx1\\.dest\\.test\\[" + Pattern.quote(POSTFIX_ADDRESS) + "]:" + postfixPort
        + ": the server does not offer REQUIRETLS after STARTTLS"), WAIT, postfix::maillog);

    // Postfix had a TLS session that ended without MAIL FROM, and stored nothing.
    Matcher session = maillog.await(
        Pattern.compile("disconnect from \\S+\\[127\\.0\\.0\\.\\d+]([^\\n]*)"), WAIT);
    assertThat(session.group(1)).contains("starttls=1").doesNotContain("mail=");
    assertThat(maillog.sinceMark()).contains("TLS connection established from")
        .doesNotContain("cleanup").doesNotContain(token);
    assertThat(bobsMessages()).noneMatch(m -> m.contains(token));
  }

  /** What Postfix stored for bob@dest.test. */
  private static List<String> bobsMessages() throws Exception {
    return Maildirs.messages(dir.resolve("postfix/mail/bob"));
  }
}
