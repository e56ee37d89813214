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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealpost.config.ListenerKind;
import org.sealpost.config.NetworkRange;
import org.sealpost.testing.Maildirs;
import org.sealpost.tls.TestPki;

/**
 * Sealpost as a relay between two Postfix 3.7 instances: Postfix (first hop, relayhost =
 * Sealpost) → Sealpost → Postfix (final destination for {@code dest.test}), STARTTLS verified on
 * both legs.
 *
 * <ul>
 *   <li>First leg: the first Postfix ({@code interop/postfix-sender/}, 127.0.0.84) takes mail from
 *       its own {@code sendmail} and hands everything to {@code [127.0.0.85]:PORT} with {@code
 *       smtp_tls_security_level = secure} and {@code match=mx.src.test}: the chain must lead to the
 *       test CA and the certificate must name Sealpost. Sealpost lets 127.0.0.0/8 relay without
 *       AUTH ({@code [relay] trusted_networks}).
 *   <li>Second leg: Sealpost finds {@code dest.test}'s MX in a DNSSEC-signed {@link
 *       DeliveringSealpost} universe and delivers to the second Postfix ({@code
 *       interop/postfix-receiver/}, 127.0.0.86) over STARTTLS it verified ({@code
 *       tls=verified-pkix}); virtual(8) stores it in bob's Maildir.
 * </ul>
 *
 * <p>The proof is read off all three programs' logs, joined by queue ids (each hop names the id
 * the next one answered with), and off the final copy, whose three Received lines, newest first,
 * say that each hop took the message over TLS. Needs root, postfix and script; skips otherwise.
 */
@Tag("interop")
class PostfixThroughSealpostInteropIT {

  private static final String FIRST_ADDRESS = "127.0.0.84";
  private static final String SEALPOST_ADDRESS = "127.0.0.85";
  private static final String FINAL_ADDRESS = "127.0.0.86";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Pattern RECEIVED = Pattern.compile("(?m)^Received: .*(?:\\n[ \\t].*)*");

  @TempDir static Path dir;
  private static PrivatePostfix first;
  private static PrivatePostfix last;
  private static DeliveringSealpost sealpost;

  @BeforeAll
  static void start() throws Exception {
    if (Stream.of("postfix", "script", "sendmail").anyMatch(p -> InteropPeers.find(p).isEmpty())
        || !InteropPeers.isRoot()) {
      return; // requirePeers() skips every test and says why
    }
    Path postfix = InteropPeers.find("postfix").orElseThrow();
    TestPki pki = TestPki.create();
    Path caPem = pki.writeCaPem(dir.resolve("ca.pem"));

    Path lastBase = dir.resolve("final");
    Path mail = Files.createDirectories(lastBase.resolve("mail"));
    UserPrincipalLookupService users = mail.getFileSystem().getUserPrincipalLookupService();
    PosixFileAttributeView owner = Files.getFileAttributeView(mail, PosixFileAttributeView.class);
    owner.setOwner(users.lookupPrincipalByName("postfix"));
    owner.setGroup(users.lookupPrincipalByGroupName("postfix")); // virtual(8) refuses gid 0
    TestPki.Pem tls = pki.server(DeliveringSealpost.MX).writePem(dir.resolve("final-tls"));
    int lastPort = InteropPeers.freePort(FINAL_ADDRESS);
    Map<String, String> lastValues = Map.of(
        "LISTEN", FINAL_ADDRESS,
        "PORT", Integer.toString(lastPort),
        "CERT", tls.certificate().toString(),
        "KEY", tls.privateKey().toString(),
        "UID", Files.getAttribute(mail, "unix:uid").toString(),
        "GID", Files.getAttribute(mail, "unix:gid").toString());
    // "postfix start" spends seconds in its shell checks: start the final Postfix while Sealpost
    // starts (the first Postfix must wait, it needs Sealpost's port).
    try (ExecutorService background = Executors.newSingleThreadExecutor()) {
      Future<PrivatePostfix> starting = background.submit(() ->
          PrivatePostfix.start(postfix, lastBase, caPem, "interop/postfix-receiver", lastValues));
      try {
        sealpost = DeliveringSealpost.start(dir.resolve("sealpost"), pki, SEALPOST_ADDRESS,
            FINAL_ADDRESS, lastPort, List.of(NetworkRange.parse("127.0.0.0/8")));
      } finally {
        last = starting.get(); // stop() closes it even when Sealpost failed to start
      }
    }

    first = PrivatePostfix.start(postfix, dir.resolve("first"), caPem, "interop/postfix-sender",
        Map.of(
            "LISTEN", FIRST_ADDRESS,
            "PORT", Integer.toString(InteropPeers.freePort(FIRST_ADDRESS)),
            "SEALPOST", SEALPOST_ADDRESS,
            "SEALPOST_PORT", Integer.toString(
                sealpost.instance().address(ListenerKind.SMTP).getPort()),
            "SEALPOST_NAME", sealpost.instance().hostname()));
  }

  @BeforeEach
  void requirePeers() {
    InteropPeers.require("postfix", "postfix");
    InteropPeers.require("script", "bsdutils");
    InteropPeers.require("sendmail", "postfix");
    InteropPeers.requireRoot();
  }

  @AfterAll
  static void stop() {
    // First hop first, so nothing is in flight towards a stopped Sealpost.
    for (AutoCloseable c : new AutoCloseable[] {first, sealpost, last}) {
      if (c != null) {
        try {
          c.close();
        } catch (Exception e) {
          throw new AssertionError("could not stop " + c, e);
        }
      }
    }
  }

  @Test
  void mailFromPostfixCrossesSealpostToPostfixOverVerifiedStartTlsOnBothLegs() throws Exception {
    String token = UUID.randomUUID().toString();
    String message = "From: alice@origin.test\nTo: bob@dest.test\nSubject: through " + token
        + "\nMessage-ID: <" + token + "@origin.test>\n\nbody " + token + "\n";
    PeerRun sent = InteropPeers.run(WAIT, message, List.of(
        InteropPeers.find("sendmail").orElseThrow().toString(),
        "-C", first.configDirectory().toString(), "-f", "alice@origin.test", "--",
        "bob@dest.test"));
    assertThat(sent.exitCode()).as(sent.describe()).isZero();

    // Leg 1: Postfix verified Sealpost's certificate and Sealpost took the message.
    Matcher leg1 = first.awaitLog(Pattern.compile("to=<bob@dest\\.test>, relay="
        + Pattern.quote(SEALPOST_ADDRESS + "[" + SEALPOST_ADDRESS + "]") + ":\\d+, .*"
        + "status=sent \\(250 2\\.0\\.0 Ok: queued as (\\w+)\\)"), WAIT);
    String sealpostId = leg1.group(1);
    assertThat(first.maillog()).contains("Verified TLS connection established to "
        + SEALPOST_ADDRESS + "[" + SEALPOST_ADDRESS + "]");

    // Leg 2: Sealpost verified the final Postfix and handed the message over.
    Matcher leg2 = sealpost.awaitAttempt(Pattern.compile(Pattern.quote(sealpostId)
        + ": to=<bob@dest\\.test> relay=mx1\\.dest\\.test\\[" + Pattern.quote(FINAL_ADDRESS)
        + "]:\\d+ tls=verified-pkix requiretls=no status=sent "
        + "\\(250 2\\.0\\.0 Ok: queued as (\\w+)\\)"), WAIT, last::maillog);
    String finalId = leg2.group(1);
    last.awaitLog(Pattern.compile(finalId + ": to=<bob@dest\\.test>, relay=virtual, .*"
        + "status=sent \\(delivered to maildir\\)"), WAIT);
    assertThat(last.maillog()).containsPattern("TLS connection established from \\S+\\[127\\.0\\.0"
        + "\\.\\d+]: TLSv1\\.[23] with cipher");

    String stored = Maildirs.await(dir.resolve("final/mail/bob"), token, WAIT,
        () -> "--- first Postfix\n" + first.maillog() + "--- Sealpost\n"
            + sealpost.attemptLines() + "\n--- final Postfix\n" + last.maillog());
    assertThat(stored).contains("Subject: through " + token, "body " + token);
    List<String> received = RECEIVED.matcher(stored).results().map(MatchResult::group).toList();
    assertThat(received).as(stored).hasSize(3);
    // Newest first: the final Postfix took it from Sealpost over TLS ...
    assertThat(received.get(0))
        .contains("by mx1.dest.test (Postfix) with ESMTPS id " + finalId, "(using TLSv1.");
    // ... Sealpost took it from the first Postfix over TLS, without AUTH (trusted network) ...
    assertThat(received.get(1))
        .contains("from relay.origin.test", "[" + FIRST_ADDRESS + "]",
            "by mx.src.test (Sealpost) with ESMTPS id " + sealpostId, "(using TLSv1.");
    // ... and the first Postfix took it from its own sendmail.
    assertThat(received.get(2)).contains("by relay.origin.test (Postfix, from userid 0)");
  }
}
