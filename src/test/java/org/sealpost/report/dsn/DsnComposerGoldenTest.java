package org.sealpost.report.dsn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sealpost.report.dsn.DsnFixtures.ATTEMPT;
import static org.sealpost.report.dsn.DsnFixtures.BODY_MARKER;
import static org.sealpost.report.dsn.DsnFixtures.CONTENT;
import static org.sealpost.report.dsn.DsnFixtures.HOP;
import static org.sealpost.report.dsn.DsnFixtures.RETRY_UNTIL;
import static org.sealpost.report.dsn.DsnFixtures.composer;
import static org.sealpost.report.dsn.DsnFixtures.content;
import static org.sealpost.report.dsn.DsnFixtures.deferred;
import static org.sealpost.report.dsn.DsnFixtures.delivered;
import static org.sealpost.report.dsn.DsnFixtures.envelope;
import static org.sealpost.report.dsn.DsnFixtures.failed;
import static org.sealpost.report.dsn.DsnFixtures.outcome;
import static org.sealpost.report.dsn.DsnFixtures.recipient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.sealpost.mail.Envelope;
import org.sealpost.mail.MailAddress;
import org.sealpost.mail.Notify;
import org.sealpost.mail.OriginalRecipient;
import org.sealpost.mail.Recipient;
import org.sealpost.mail.Ret;
import org.sealpost.mail.TlsRequirement;

/**
 * One golden file per DSN variant, with a fixed clock and fixed tokens. Run with
 * {@code -Dsealpost.golden.update=true} to rewrite them after a deliberate change, then review the
 * diff. Each test also checks the invariants that hold for every DSN (CRLF, line length, parts).
 */
@TestMethodOrder(MethodOrderer.Random.class)
class DsnComposerGoldenTest {

  private static final Path GOLDEN = Path.of("src/test/resources/org/sealpost/report/dsn");

  static DsnReport failedReport() {
    Recipient bob = recipient("bob@example.net", Set.of(Notify.FAILURE), new OriginalRecipient("rfc822", "Bob@Example.NET"));
    Recipient carol = recipient("carol@example.com", Set.of(), null);
    Envelope e = envelope("alice@example.org", List.of(bob, carol), Ret.FULL, TlsRequirement.UNSPECIFIED, false, "QQ314159");
    return new DsnReport(e, content(CONTENT), e.reversePath(), DsnAudience.SENDER, List.of(
        RecipientReport.of(outcome(bob, failed("5.1.1",
            "550-5.1.1 <bob@example.net>: Recipient address rejected:\r\n550 5.1.1 User unknown in virtual mailbox table",
            "the remote server rejected the recipient", HOP)), ATTEMPT, null),
        RecipientReport.of(outcome(carol, failed("4.4.7", null,
            "gave up after 5 days: connection to mx.example.com timed out", null)), ATTEMPT, null)));
  }

  static DsnReport requireTlsReport() {
    Recipient bob = recipient("bob@example.net", Set.of(), null);
    Envelope e = envelope("alice@example.org", List.of(bob), Ret.FULL, TlsRequirement.REQUIRE_TLS, false, null);
    return new DsnReport(e, content(CONTENT), e.reversePath(), DsnAudience.SENDER, List.of(
        RecipientReport.of(outcome(bob, failed("5.7.30", null,
            "no MX host of example.net offers REQUIRETLS with verified TLS", HOP)), ATTEMPT, null)));
  }

  @Test
  void failedWithRetFullReturnsTheWholeMessage() throws IOException {
    String dsn = DsnFixtures.compose(composer(), failedReport());

    assertGolden("failed-full.eml", dsn);
    assertThat(dsn).contains("Content-Type: message/rfc822").contains(BODY_MARKER);
    // DSN-9: ENVID and ORCPT are echoed, the multi-line remote reply becomes one Diagnostic-Code.
    ParsedDsn parsed = ParsedDsn.parse(dsn);
    assertThat(parsed.perMessage()).containsEntry("original-envelope-id", "QQ314159");
    assertThat(parsed.recipientGroups().getFirst())
        .containsEntry("original-recipient", "rfc822; Bob@Example.NET")
        .containsEntry("remote-mta", "dns; mx1.example.net")
        .containsEntry("diagnostic-code",
            "smtp; 550-5.1.1 <bob@example.net>: Recipient address rejected: 550 5.1.1 User unknown in virtual mailbox table");
    assertThat(parsed.recipientGroups().get(1)).doesNotContainKeys("original-recipient", "remote-mta", "diagnostic-code");
  }

  @Test
  void delayedReturnsHeadersAndSaysUntilWhen() throws IOException {
    Recipient bob = recipient("bob@example.net", Set.of(), null);
    Envelope e = envelope("alice@example.org", List.of(bob), Ret.NOT_GIVEN, TlsRequirement.UNSPECIFIED, false, null);
    DsnReport report = new DsnReport(e, content(CONTENT), e.reversePath(), DsnAudience.SENDER, List.of(
        RecipientReport.of(outcome(bob, deferred("4.4.1", null, "connection to mx1.example.net timed out", HOP)),
            ATTEMPT, RETRY_UNTIL)));

    String dsn = DsnFixtures.compose(composer(), report);

    assertGolden("delayed.eml", dsn);
    assertThat(dsn).contains("Subject: Delayed Mail (still being retried)\r\n")
        .contains("Action: delayed\r\n")
        .contains("Will-Retry-Until: Wed, 19 Mar 2025 09:26:53 +0000\r\n")
        .contains("Content-Type: text/rfc822-headers")
        .doesNotContain(BODY_MARKER);
  }

  @Test
  void deliveredAndRelayedSuccessReport() throws IOException {
    Recipient bob = recipient("bob@sealpost.example", Set.of(Notify.SUCCESS), null);
    Recipient carol = recipient("carol@example.com", Set.of(Notify.SUCCESS, Notify.FAILURE), null);
    Envelope e = envelope("alice@example.org", List.of(bob, carol), Ret.FULL, TlsRequirement.UNSPECIFIED, false, null);
    DsnReport report = new DsnReport(e, content(CONTENT), e.reversePath(), DsnAudience.SENDER, List.of(
        RecipientReport.of(outcome(bob, delivered(null)), ATTEMPT, null),
        RecipientReport.of(outcome(carol, delivered(HOP)), ATTEMPT, null)));

    String dsn = DsnFixtures.compose(composer(), report);

    assertGolden("delivered-relayed.eml", dsn);
    // RFC 3461 §4.3: RET=FULL is about failures; a success report returns headers only.
    assertThat(dsn).contains("Subject: Successful Mail Delivery Report\r\n")
        .contains("Action: delivered\r\n").contains("Action: relayed\r\n")
        .doesNotContain(BODY_MARKER);
  }

  @Test
  void requireTlsFailureReturnsHeadersOnlyWhateverRetSays() throws IOException {
    String dsn = DsnFixtures.compose(composer(), requireTlsReport());

    assertGolden("requiretls-headers-only.eml", dsn);
    // RT-36: RET=FULL is ignored; RT-26: the reason is said plainly.
    assertThat(dsn).contains("Content-Type: text/rfc822-headers").doesNotContain("message/rfc822")
        .doesNotContain(BODY_MARKER).contains("Subject: Quarterly figures")
        .contains("Status: 5.7.30\r\n");
    assertThat(unfold(dsn)).contains("Your message required verified TLS (REQUIRETLS, RFC 8689)")
        .contains("No route met that requirement");
  }

  @Test
  void redactedHasNoOriginalHeaderSection() throws IOException {
    String dsn = DsnFixtures.composeRedacted(composer(), requireTlsReport());

    assertGolden("redacted.eml", dsn);
    // RT-38(a), SEC-13: only the text and the delivery-status parts.
    assertThat(dsn).doesNotContain("Quarterly figures").doesNotContain("rfc822-headers")
        .doesNotContain(BODY_MARKER).doesNotContain("m1@example.org")
        .contains("Content-Type: message/delivery-status");
    assertThat(unfold(dsn)).contains("This report is redacted.");
  }

  @Test
  void smtpUtf8MessageGetsTheGlobalTypes() throws IOException {
    Recipient dorte = recipient("dörte@example.net", Set.of(), new OriginalRecipient("utf-8", "d\\x{F6}rte@example.net"));
    String content = CONTENT.replace("Subject: Quarterly figures", "Subject: Grüße aus Köln");
    Envelope e = envelope("jörg@bücher.example", List.of(dorte), Ret.HDRS, TlsRequirement.UNSPECIFIED, true, null);
    DsnReport report = new DsnReport(e, content(content), e.reversePath(), DsnAudience.SENDER, List.of(
        RecipientReport.of(outcome(dorte, failed("5.1.1", "550 5.1.1 mailbox unavailable", "unknown user", HOP)),
            ATTEMPT, null)));

    String dsn = DsnFixtures.compose(composer(), report);

    assertGolden("smtputf8.eml", dsn);
    // RFC 6533 (DSN-11): global types and the utf-8 address type.
    assertThat(dsn).contains("Content-Type: message/global-delivery-status")
        .contains("Content-Type: message/global-headers")
        .contains("Final-Recipient: utf-8; dörte@example.net\r\n")
        .contains("To: <jörg@xn--bcher-kva.example>\r\n")
        .contains("Subject: Grüße aus Köln");
  }

  static String unfold(String text) {
    return text.replaceAll("\r\n[ \t]+", " ").replaceAll("\r\n(?!\r\n)", " ");
  }

  private static void assertGolden(String name, String dsn) throws IOException {
    assertWellFormed(dsn);
    Path file = GOLDEN.resolve(name);
    if (Boolean.getBoolean("sealpost.golden.update")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(file, dsn, StandardCharsets.UTF_8);
    }
    assertThat(file).as("golden file (run with -Dsealpost.golden.update=true to create)").exists();
    assertThat(dsn).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }

  /** CRLF only, lines of at most 998 octets, the structure of RFC 3464 §2. */
  static void assertWellFormed(String dsn) {
    assertThat(dsn.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
    for (String line : dsn.split("\r\n")) {
      assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(998);
    }
    String head = dsn.substring(0, dsn.indexOf("\r\n\r\n") + 2);
    assertThat(head).contains("From: Mail Delivery System <MAILER-DAEMON@mx.sealpost.example>\r\n")
        .contains("Auto-Submitted: auto-replied\r\n").contains("MIME-Version: 1.0\r\n")
        .containsPattern("Message-ID: <[^>\r\n]+@mx\\.sealpost\\.example>\r\n")
        .contains("multipart/report; report-type=delivery-status;");
    String boundary = head.replaceAll("(?s).*boundary=\"([^\"]+)\".*", "$1");
    assertThat(dsn).endsWith("\r\n--" + boundary + "--\r\n");
    assertThat(dsn.split("\r\n--" + java.util.regex.Pattern.quote(boundary) + "\r\n", -1)).hasSizeBetween(3, 4);
  }

  static MailAddress sender() {
    return MailAddress.parse("alice@example.org");
  }
}
