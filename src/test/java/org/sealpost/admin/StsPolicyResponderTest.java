package org.sealpost.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sealpost.config.MtaStsMode;
import org.sealpost.mail.Domain;

/** The answer to each kind of request, without sockets (STS-2). */
class StsPolicyResponderTest {

  private static final String P = StsPolicyResponder.PATH;
  private static final StsPolicyDocument DOCUMENT =
      StsPolicyDocument.of(MtaStsMode.TESTING, List.of("mx.example.org"), 86_400);
  private static final StsPolicyResponder RESPONDER =
      new StsPolicyResponder(DOCUMENT, List.of(Domain.of("example.org"), Domain.of("Bücher.example")));

  static Stream<Arguments> requests() {
    return Stream.of(
        // method, path, Host, SNI, status
        Arguments.of("GET", P, "mta-sts.example.org", "mta-sts.example.org", 200),
        Arguments.of("HEAD", P, "mta-sts.example.org", "mta-sts.example.org", 200),
        Arguments.of("GET", P, "mta-sts.example.org", null, 200),
        Arguments.of("GET", P, null, "mta-sts.example.org", 200),
        Arguments.of("GET", P, "mta-sts.example.org:443", "mta-sts.example.org", 200),
        Arguments.of("GET", P, "MTA-STS.EXAMPLE.ORG", "mta-sts.example.org", 200),
        Arguments.of("GET", P, "mta-sts.example.org.", null, 200),
        Arguments.of("GET", P, "mta-sts.xn--bcher-kva.example", null, 200), // IDN as A-label
        Arguments.of("GET", P, "example.org", null, 404),
        Arguments.of("GET", P, "mta-sts.example.net", null, 404),
        Arguments.of("GET", P, "www.mta-sts.example.org", null, 404),
        Arguments.of("GET", P, "127.0.0.1:8443", null, 404),
        Arguments.of("GET", P, "[::1]:8443", null, 404),
        Arguments.of("GET", P, null, null, 404),
        Arguments.of("GET", P, "", null, 404),
        Arguments.of("GET", "/", "mta-sts.example.org", null, 404),
        Arguments.of("GET", "/.well-known/mta-sts.txt.bak", "mta-sts.example.org", null, 404),
        Arguments.of("GET", "/.well-known/%6dta-sts.txt", "mta-sts.example.org", null, 404),
        Arguments.of("POST", P, "mta-sts.example.org", null, 405),
        Arguments.of("get", P, "mta-sts.example.org", null, 405), // methods are case-sensitive
        Arguments.of("POST", "/other", "mta-sts.example.org", null, 404),
        Arguments.of("POST", P, "mta-sts.example.com", null, 404),
        Arguments.of("GET", P, "mta-sts.example.org", "mta-sts.xn--bcher-kva.example", 421),
        Arguments.of("GET", P, "mta-sts.example.com", "mta-sts.example.org", 421));
  }

  @ParameterizedTest(name = "{0} {1} Host={2} SNI={3} -> {4}")
  @MethodSource("requests")
  void answersEachRequest(String method, String path, String host, String sni, int status) {
    StsResponse r = RESPONDER.respond(method, path, host, sni);
    assertThat(r.status()).isEqualTo(status);
    if (status == 200) {
      assertThat(r.body()).isEqualTo(DOCUMENT.bytes());
    } else {
      assertThat(new String(r.body(), StandardCharsets.US_ASCII)).endsWith("\r\n").doesNotContain("STSv1");
    }
  }

  @Test
  void policyHostsAreMtaStsDotEachDomain() {
    assertThat(RESPONDER.hosts())
        .containsExactlyInAnyOrder("mta-sts.example.org", "mta-sts.xn--bcher-kva.example");
  }
}
