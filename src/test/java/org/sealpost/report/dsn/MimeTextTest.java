package org.sealpost.report.dsn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sealpost.report.dsn.DsnFixtures.ATTEMPT;
import static org.sealpost.report.dsn.DsnFixtures.HOP;
import static org.sealpost.report.dsn.DsnFixtures.content;
import static org.sealpost.report.dsn.DsnFixtures.envelope;
import static org.sealpost.report.dsn.DsnFixtures.failed;
import static org.sealpost.report.dsn.DsnFixtures.outcome;
import static org.sealpost.report.dsn.DsnFixtures.recipient;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sealpost.mail.Envelope;
import org.sealpost.mail.OriginalRecipient;
import org.sealpost.mail.Recipient;
import org.sealpost.mail.Ret;
import org.sealpost.mail.TlsRequirement;

/** SEC-8: nothing from outside can split or forge a header field, and lines stay within limits. */
@TestMethodOrder(MethodOrderer.Random.class)
class MimeTextTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
      "'550 ok'                      | false | '550 ok'",
      "'550-a\r\n550 b'              | false | '550-a 550 b'",
      "'x\r\nBcc: evil@example.org'  | false | 'x Bcc: evil@example.org'",
      "'tab\there'                   | false | 'tab here'",
      "'nul\u0000bell\u0007'         | false | 'nul bell'",
      "'  leading and trailing  '    | false | 'leading and trailing'",
      "'Grüße'                       | false | 'Gr??e'",
      "'Grüße'                       | true  | 'Grüße'",
      "'c1\u0085control'             | true  | 'c1 control'",
      "'bidi\u202eoverride'          | true  | 'bidi?override'",
  })
  void cleanMakesOnePrintableLine(String in, boolean utf8, String expected) {
    assertThat(MimeText.clean(in, utf8)).isEqualTo(expected);
  }

  @Test
  void cleanCutsLongValues() {
    String cleaned = MimeText.clean("x".repeat(5000), false);
    assertThat(cleaned).hasSize(MimeText.MAX_VALUE + 3).endsWith("...");
  }

  @Test
  void fieldFoldsBeforeSpacesAndUnfoldsToTheSameValue() {
    String value = "smtp; " + "word ".repeat(60).strip();
    String field = MimeText.field("Diagnostic-Code", value);

    for (String line : field.split("\r\n")) {
      assertThat(line.length()).isLessThanOrEqualTo(78);
    }
    assertThat(field).endsWith("\r\n");
    assertThat(field.replace("\r\n ", " ").strip()).isEqualTo("Diagnostic-Code: " + value);
  }

  @Test
  void unbreakableValueStaysUnder998() {
    String field = MimeText.field("Diagnostic-Code", "smtp; " + MimeText.clean("y".repeat(4000), false));
    for (String line : field.split("\r\n")) {
      assertThat(line.length()).isLessThan(998);
    }
  }

  @Test
  void hostileRemoteReplyAndOrcptCannotAddHeaderFields() throws IOException {
    Recipient bob = recipient("bob@example.net", Set.of(), new OriginalRecipient("rfc822", "bob@example.net\r\nX-Injected: 1"));
    Envelope e = envelope("alice@example.org", List.of(bob), Ret.HDRS, TlsRequirement.UNSPECIFIED, false, "id\r\nBcc: x@y");
    DsnReport report = new DsnReport(e, content(DsnFixtures.CONTENT), e.reversePath(), DsnAudience.SENDER, List.of(
        RecipientReport.of(outcome(bob, failed("5.1.1", "550 no\r\nBcc: evil@example.org\r\n\r\nbody", "reason\r\nX-Evil: 1", HOP)),
            ATTEMPT, null)));

    String dsn = DsnFixtures.compose(DsnFixtures.composer(), report);

    DsnComposerGoldenTest.assertWellFormed(dsn);
    assertThat(dsn).doesNotContain("\r\nBcc:").doesNotContain("\r\nX-Injected:").doesNotContain("\r\nX-Evil:");
    ParsedDsn parsed = ParsedDsn.parse(dsn);
    assertThat(parsed.recipientGroups()).singleElement().satisfies(g ->
        assertThat(g).containsEntry("diagnostic-code", "smtp; 550 no Bcc: evil@example.org body"));
  }

  @Test
  void boundaryIsNeverOneThatOccursInTheReturnedMessage() throws IOException {
    // The fixed tokens would give "=_t1" first: the message already contains that delimiter.
    String content = DsnFixtures.CONTENT.replace("Hello Bob,", "--=_t1\r\nfake part");
    Recipient bob = recipient("bob@example.net", Set.of(), null);
    Envelope e = envelope("alice@example.org", List.of(bob), Ret.FULL, TlsRequirement.UNSPECIFIED, false, null);
    DsnReport report = new DsnReport(e, content(content), e.reversePath(), DsnAudience.SENDER, List.of(
        RecipientReport.of(outcome(bob, failed("5.1.1", null, "unknown", null)), ATTEMPT, null)));

    String dsn = DsnFixtures.compose(DsnFixtures.composer(), report);

    assertThat(dsn).contains("boundary=\"=_t2\"").contains("--=_t1\r\nfake part");
    assertThat(ParsedDsn.parse(dsn).parts()).hasSize(3);
  }
}
