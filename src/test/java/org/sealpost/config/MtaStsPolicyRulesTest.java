package org.sealpost.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sealpost.mail.Domain;

/** {@code [mta_sts_policy]}: defaults from the rest of the file, every key, and each refusal. */
@TestMethodOrder(MethodOrderer.Random.class)
class MtaStsPolicyRulesTest {

  private static final Path BASE = Path.of("/etc/sealpost");

  private static SealpostConfig parse(String text) throws ConfigException {
    return ConfigLoader.parse("sealpost.toml", text, BASE);
  }

  private static InetSocketAddress at(String ip, int port) {
    return new InetSocketAddress(InetAddress.ofLiteral(ip), port);
  }

  @Test
  void defaultsAreOffTestingTheServerNameAndTheLocalDomains() throws Exception {
    MtaStsPolicyConfig p = parse("""
        [server]
        hostname = "mx.example.org"
        [local]
        domains = ["example.org", "example.net"]
        """).mtaStsPolicy();
    assertThat(p).isEqualTo(new MtaStsPolicyConfig(false, at("127.0.0.1", 8443), null, null,
        MtaStsMode.TESTING, List.of("mx.example.org"), 604_800,
        List.of(Domain.of("example.org"), Domain.of("example.net")), List.of()));
    assertThat(SealpostConfig.defaults().mtaStsPolicy()).isEqualTo(
        Defaults.mtaStsPolicy(Defaults.server(), Defaults.local()));
  }

  @Test
  void fullExampleSetsEveryKey() throws Exception {
    SealpostConfig c = ConfigLoader.load(ConfigLoaderTest.resources("good").resolve("full.toml"));
    assertThat(c.mtaStsPolicy()).isEqualTo(new MtaStsPolicyConfig(false, at("0.0.0.0", 443),
        Path.of("/etc/sealpost/mta-sts-fullchain.pem"), Path.of("/etc/sealpost/mta-sts-privkey.pem"),
        MtaStsMode.ENFORCE, List.of("mx.example.org", "*.mx.example.net"), 604_800,
        List.of(Domain.of("example.org"), Domain.of("example.net")),
        List.of(URI.create("mailto:tlsrpt@example.org"), URI.create("https://tlsrpt.example.org/v1"))));
  }

  @Test
  void ownCertificateTakesTheSmtpTlsSettingsAndRelativePathsFollowTheConfigFile() throws Exception {
    SealpostConfig c = parse("""
        [tls]
        min_version = "TLSv1.3"
        reload_interval = "5m"
        [mta_sts_policy]
        enabled = true
        listen = "[::1]:443"
        cert_file = "web/cert.pem"
        key_file = "web/key.pem"
        mx = ["MX.Example.ORG.", "*.bücher.example"]
        max_age = 0
        """);
    MtaStsPolicyConfig p = c.mtaStsPolicy();
    assertThat(p.listen()).isEqualTo(at("::1", 443));
    assertThat(p.mx()).containsExactly("mx.example.org", "*.xn--bcher-kva.example"); // A-labels, STS-3
    assertThat(p.maxAge()).isZero();
    assertThat(p.ownTls(c.tls())).isEqualTo(new TlsConfig(Path.of("/etc/sealpost/web/cert.pem"),
        Path.of("/etc/sealpost/web/key.pem"), "TLSv1.3", c.tls().handshakeTimeout(),
        java.time.Duration.ofMinutes(5), false));
    assertThat(parse("").mtaStsPolicy().ownTls(c.tls())).isNull(); // shares the SMTP certificate
  }

  @Test
  void modeNoneMayListNoMx() throws Exception {
    assertThat(parse("[mta_sts_policy]\nmode = \"none\"\nmx = []\n").mtaStsPolicy().mx()).isEmpty();
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of("[mta_sts_policy]\nmode = \"Enforce\"\n",
            "sealpost.toml:2: [mta_sts_policy] mode: expected \"enforce\", \"testing\" or \"none\", got \"Enforce\""),
        Arguments.of("[mta_sts_policy]\nmax_age = -1\n",
            "sealpost.toml:2: [mta_sts_policy] max_age: expected seconds from 0 to 31557600 (RFC 8461 §3.2), got -1"),
        Arguments.of("[mta_sts_policy]\nmax_age = \"7d\"\n",
            "sealpost.toml:2: [mta_sts_policy] max_age: expected seconds from 0 to 31557600 (RFC 8461 §3.2), got \"7d\""),
        Arguments.of("[mta_sts_policy]\ntlsrpt_rua = [\"ftp://example.org/r\"]\n",
            "sealpost.toml:2: [mta_sts_policy] tlsrpt_rua: expected a mailto: or https: URI (RFC 8460 §3), got \"ftp://example.org/r\""),
        Arguments.of("[mta_sts_policy]\ntlsrpt_rua = [\"tlsrpt@example.org\"]\n",
            "sealpost.toml:2: [mta_sts_policy] tlsrpt_rua: expected a mailto: or https: URI (RFC 8460 §3), got \"tlsrpt@example.org\""),
        Arguments.of("[mta_sts_policy]\ntlsrpt_rua = [\"mailto:example.org\"]\n",
            "sealpost.toml:2: [mta_sts_policy] tlsrpt_rua: expected mailto:local@domain, got \"mailto:example.org\""),
        Arguments.of("[mta_sts_policy]\ntlsrpt_rua = [\"mailto:a@example.org,b@example.org\"]\n",
            "sealpost.toml:2: [mta_sts_policy] tlsrpt_rua: \"mailto:a@example.org,b@example.org\" contains \",\" or \";\", "
                + "which separate the TXT record's URIs and fields; percent-encode them (%2C, %3B)"),
        Arguments.of("[mta_sts_policy]\ntlsrpt_rua = [\"mailto:tlsrpt@bücher.example\"]\n",
            "sealpost.toml:2: [mta_sts_policy] tlsrpt_rua: \"mailto:tlsrpt@bücher.example\" has spaces or non-ASCII "
                + "characters; percent-encode them (a TXT record is ASCII)"),
        Arguments.of("[mta_sts_policy]\ntlsrpt_rua = [\"https:///path\"]\n",
            "sealpost.toml:2: [mta_sts_policy] tlsrpt_rua: expected https://host/path, got \"https:///path\""),
        Arguments.of("[mta_sts_policy]\nlisten = \"127.0.0.1\"\n",
            "sealpost.toml:2: [mta_sts_policy] listen: expected IP:PORT such as \"127.0.0.1:8443\", \"0.0.0.0:443\" or \"[::]:443\", got \"127.0.0.1\""),
        Arguments.of("[mta_sts_policy]\nlisten = \"::1:443\"\n",
            "sealpost.toml:2: [mta_sts_policy] listen: expected IP:PORT such as \"127.0.0.1:8443\", \"0.0.0.0:443\" or \"[::]:443\", got \"::1:443\""),
        Arguments.of("[mta_sts_policy]\nlisten = \"127.0.0.1:65536\"\n",
            "sealpost.toml:2: [mta_sts_policy] listen: expected IP:PORT such as \"127.0.0.1:8443\", \"0.0.0.0:443\" or \"[::]:443\", got \"127.0.0.1:65536\""),
        Arguments.of("[[listener]]\nname = \"mx\"\naddress = \"0.0.0.0\"\nport = 8443\n[mta_sts_policy]\n",
            "sealpost.toml:5: [mta_sts_policy] listen: port 8443 of 0.0.0.0 is already used by listener \"mx\""),
        Arguments.of("[mta_sts_policy]\ncert_file = \"c.pem\"\n",
            "sealpost.toml:2: [mta_sts_policy] cert_file: is set but key_file is not (set both, or neither to use the SMTP server's certificate)"),
        Arguments.of("[mta_sts_policy]\nkey_file = \"k.pem\"\n",
            "sealpost.toml:2: [mta_sts_policy] key_file: is set but cert_file is not (set both, or neither to use the SMTP server's certificate)"),
        Arguments.of("[mta_sts_policy]\nmx = [\"[192.0.2.1]\"]\n",
            "sealpost.toml:2: [mta_sts_policy] mx: expected a host name such as \"mx1.example.org\" or a pattern such as \"*.example.org\", got \"[192.0.2.1]\""),
        Arguments.of("[mta_sts_policy]\nmx = [\"*.org\"]\n",
            "sealpost.toml:2: [mta_sts_policy] mx: expected a host name such as \"mx1.example.org\" or a pattern such as \"*.example.org\", got \"*.org\""),
        Arguments.of("[mta_sts_policy]\nmx = [\"*\"]\n",
            "sealpost.toml:2: [mta_sts_policy] mx: not a host name or *.domain pattern: \"*\""),
        Arguments.of("[mta_sts_policy]\ndomains = [\"[192.0.2.1]\"]\n",
            "sealpost.toml:2: [mta_sts_policy] domains: expected a domain, got an address literal \"[192.0.2.1]\""),
        Arguments.of("[local]\ndomains = []\n[mta_sts_policy]\nenabled = true\n",
            "sealpost.toml:3: [mta_sts_policy] domains: is empty, so the enabled listener would serve no policy"),
        Arguments.of("[mta_sts_policy]\nport = 443\n",
            "sealpost.toml:2: unknown key \"port\" in [mta_sts_policy] (expected one of: enabled, listen, cert_file, "
                + "key_file, mode, mx, max_age, domains, tlsrpt_rua)"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("refusals")
  void refusesWithFileLineAndKey(String toml, String message) {
    assertThatThrownBy(() -> parse(toml)).isInstanceOf(ConfigException.class).hasMessage(message);
  }

  @Test
  void anEnabledListenerWithItsOwnCertificateNeedsNoSmtpTls() throws Exception {
    MtaStsPolicyConfig p = parse("""
        [tls]
        self_signed = false
        [mta_sts_policy]
        enabled = true
        cert_file = "c.pem"
        key_file = "k.pem"
        """).mtaStsPolicy();
    assertThat(p.enabled()).isTrue();
    assertThat(p.certFile()).isEqualTo(Path.of("/etc/sealpost/c.pem"));
  }
}
