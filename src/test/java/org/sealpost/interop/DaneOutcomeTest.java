package org.sealpost.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link DaneOutcome#ofPostfix} on maillog excerpts as Postfix 3.7.11 wrote them in {@link
 * PostfixDaneInteropIT} (queue ids, ports and ciphers as logged; one excerpt per verdict), plus the
 * lookalikes it must not confuse: an untrusted delivery without the unusable-TLSA warning is plain
 * opportunistic TLS, and lines about another host or recipient do not count.
 */
class DaneOutcomeTest {

  private static final String TLS_TAIL = ":38887: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384"
      + " (256/256 bits) key-exchange X25519 server-signature ECDSA (prime256v1) server-digest"
      + " SHA256\n";

  record Row(String name, String maillog, String recipient, String mxHost, DaneOutcome want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Row> rows() {
    return List.of(
        new Row("DANE-EE match", """
            Nov 29 08:14:24 sender postfix/smtp[15031]: Verified TLS connection established to \
            mx.ee-spki-match.dane.test[127.0.0.161]""" + TLS_TAIL + """
            Nov 29 08:14:24 sender postfix/smtp[15031]: EE5AB226762: to=<bob@ee-spki-match.dane.test>, \
            relay=mx.ee-spki-match.dane.test[127.0.0.161]:38887, delay=0.2, \
            delays=0.01/0.01/0.06/0.12, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 01N8M5Y6V83DJA8T)
            """, "bob@ee-spki-match.dane.test", "mx.ee-spki-match.dane.test", DaneOutcome.VERIFIED),
        new Row("DANE-EE mismatch", """
            Nov 29 08:14:23 sender postfix/smtp[15031]: server certificate verification failed for \
            mx.ee-spki-mismatch.dane.test[127.0.0.161]:38887: num=65:no matching DANE TLSA records
            Nov 29 08:14:23 sender postfix/smtp[15031]: Untrusted TLS connection established to \
            mx.ee-spki-mismatch.dane.test[127.0.0.161]""" + TLS_TAIL + """
            Nov 29 08:14:23 sender postfix/smtp[15031]: 401B822671D: to=<bob@ee-spki-mismatch.dane.test>, \
            relay=mx.ee-spki-mismatch.dane.test[127.0.0.161]:38887, delay=0.27, \
            delays=0.06/0.15/0.07/0, dsn=4.7.5, status=deferred (Server certificate not verified)
            """, "bob@ee-spki-mismatch.dane.test", "mx.ee-spki-mismatch.dane.test",
            DaneOutcome.FAILED),
        new Row("DANE-TA name mismatch", """
            Nov 29 08:14:26 sender postfix/smtp[15031]: server certificate verification failed for \
            mx.ta-wrong-name.dane.test[127.0.0.161]:38887: num=62:hostname mismatch
            Nov 29 08:14:26 sender postfix/smtp[15031]: Untrusted TLS connection established to \
            mx.ta-wrong-name.dane.test[127.0.0.161]""" + TLS_TAIL + """
            Nov 29 08:14:26 sender postfix/smtp[15031]: 78D2D226773: to=<bob@ta-wrong-name.dane.test>, \
            relay=mx.ta-wrong-name.dane.test[127.0.0.161]:38887, delay=0.06, delays=0.01/0/0.04/0, \
            dsn=4.7.5, status=deferred (Server certificate not verified)
            """, "bob@ta-wrong-name.dane.test", "mx.ta-wrong-name.dane.test", DaneOutcome.FAILED),
        new Row("only unusable TLSA", """
            Nov 29 08:14:27 sender postfix/smtp[15031]: warning: _38887._tcp.mx.pkix-ee-only.dane.test \
            unsupported TLSA certificate usage: 1 1 1 6A9CE7C2F0472CD82C7B3378BB1D07828EB0D72800CCDE3CB73734A2455FC327
            Nov 29 08:14:27 sender postfix/smtp[15031]: Untrusted TLS connection established to \
            mx.pkix-ee-only.dane.test[127.0.0.161]""" + TLS_TAIL + """
            Nov 29 08:14:27 sender postfix/smtp[15031]: 9D9D722677F: to=<bob@pkix-ee-only.dane.test>, \
            relay=mx.pkix-ee-only.dane.test[127.0.0.161]:38887, delay=0.05, delays=0/0/0.03/0.02, \
            dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 01N8M5YBC34CQRP5)
            """, "bob@pkix-ee-only.dane.test", "mx.pkix-ee-only.dane.test",
            DaneOutcome.ENCRYPTED_UNAUTHENTICATED),
        new Row("untrusted without TLSA warning is opportunistic", """
            Nov 29 08:14:27 sender postfix/smtp[15031]: Untrusted TLS connection established to \
            mx.plain.dane.test[127.0.0.161]""" + TLS_TAIL + """
            Nov 29 08:14:27 sender postfix/smtp[15031]: 9D9D722677F: to=<bob@plain.dane.test>, \
            relay=mx.plain.dane.test[127.0.0.161]:38887, delay=0.05, delays=0/0/0.03/0.02, \
            dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 01N8M5YBC34CQRP5)
            """, "bob@plain.dane.test", "mx.plain.dane.test", DaneOutcome.NOT_DANE),
        new Row("a verified line for another host does not count", """
            Nov 29 08:14:24 sender postfix/smtp[15031]: Verified TLS connection established to \
            mx.other.dane.test[127.0.0.161]""" + TLS_TAIL + """
            Nov 29 08:14:24 sender postfix/smtp[15031]: EE5AB226762: to=<bob@x.dane.test>, \
            relay=mx.x.dane.test[127.0.0.161]:38887, delay=0.2, delays=0.01/0.01/0.06/0.12, \
            dsn=2.0.0, status=sent (250 2.0.0 Ok)
            """, "bob@x.dane.test", "mx.x.dane.test", DaneOutcome.UNRECOGNISED),
        new Row("no status line for the recipient yet", """
            Nov 29 08:14:24 sender postfix/smtp[15031]: Verified TLS connection established to \
            mx.x.dane.test[127.0.0.161]""" + TLS_TAIL, "bob@x.dane.test", "mx.x.dane.test",
            DaneOutcome.UNRECOGNISED));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void mapsPostfixMaillogToADaneVerdict(Row row) {
    DaneOutcome.Explained got = DaneOutcome.ofPostfix(row.maillog(), row.recipient(), row.mxHost());
    assertThat(got.outcome()).as(got.detail()).isEqualTo(row.want());
  }
}
