package org.sealpost.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@TestMethodOrder(MethodOrderer.Random.class)
class DeliveryRulesTest {

  private static final Path BASE = Path.of("/etc/sealpost");

  private static DeliveryConfig load(String toml) throws ConfigException {
    return ConfigLoader.parse("sealpost.toml", toml, BASE).delivery();
  }

  private static String error(String toml) {
    try {
      load(toml);
    } catch (ConfigException e) {
      return e.getMessage();
    }
    throw new AssertionError("loaded: " + toml);
  }

  @Test
  void noDeliveryTableGivesTheDefaultsWithTheMaildirUnderDataDir() throws Exception {
    DeliveryConfig d = load("[server]\ndata_dir = \"/srv/sealpost\"\n");
    assertThat(d).isEqualTo(Defaults.delivery().withMaildirRoot(Path.of("/srv/sealpost/mail")));
  }

  @Test
  void everyKeyIsRead() throws Exception {
    DeliveryConfig d = load("""
        [server]
        data_dir = "/srv/sealpost"
        [delivery]
        enabled = false
        port = 2525
        helo_name = "Out.Example.ORG."
        smart_host = "Relay.Example.NET:587"
        ca_file = "tls/ca.pem"
        connect_timeout = "10s"
        command_timeout = "2m"
        tls = "verify"
        requiretls = "opportunistic"
        maildir_root = "/home/mail"
        double_bounce_to_postmaster = false
        smart_host_user = "sealpost"
        smart_host_password_file = "secrets/relay.password"
        """);
    assertThat(d).isEqualTo(new DeliveryConfig(false, 2525, "out.example.org",
        DeliveryRules.smartHost("relay.example.net:587"), Path.of("/etc/sealpost/tls/ca.pem"), Duration.ofSeconds(10),
        Duration.ofMinutes(2), TlsPolicyLevel.VERIFY, RequireTlsMode.OPPORTUNISTIC,
        java.util.List.of(), Path.of("/home/mail"), false, "sealpost",
        Path.of("/etc/sealpost/secrets/relay.password")));
  }

  @Test
  void relativeMaildirRootIsUnderDataDirAndCaFileUnderTheConfigFolder() throws Exception {
    DeliveryConfig d = load("""
        [server]
        data_dir = "state"
        [delivery]
        maildir_root = "boxes/../maildirs"
        ca_file = "../ca.pem"
        """);
    assertThat(d.maildirRoot()).isEqualTo(Path.of("/etc/sealpost/state/maildirs"));
    assertThat(d.caFile()).isEqualTo(Path.of("/etc/ca.pem"));
  }

  @Test
  void policiesTakeTheSectionLevelAndModeUnlessTheySetTheirOwn() throws Exception { // RT-13c
    DeliveryConfig d = load("""
        [delivery]
        tls = "encrypt"
        requiretls = "enforce"
        [[delivery.policy]]
        domain = "a.example"
        [[delivery.policy]]
        domain = "b.example"
        tls = "secure"
        [[delivery.policy]]
        domain = "c.example"
        requiretls = "disable"
        """);
    assertThat(d.policies()).containsExactly(
        new DestinationTlsConfig("a.example", TlsPolicyLevel.ENCRYPT, RequireTlsMode.ENFORCE),
        new DestinationTlsConfig("b.example", TlsPolicyLevel.SECURE, RequireTlsMode.ENFORCE),
        new DestinationTlsConfig("c.example", TlsPolicyLevel.ENCRYPT, RequireTlsMode.DISABLE));
  }

  @Test
  void policyDefaultsFollowTheSectionEvenWhenTheSectionComesAfterThePolicies() throws Exception {
    DeliveryConfig d = load("""
        [[delivery.policy]]
        domain = "partner.example"
        [delivery]
        tls = "verify"
        """);
    assertThat(d.policies()).containsExactly(new DestinationTlsConfig(
        "partner.example", TlsPolicyLevel.VERIFY, RequireTlsMode.ENFORCE));
  }

  @Test
  void policyDomainsAreCanonicalSoSpellingsOfOneNameClash() throws Exception {
    DeliveryConfig d = load("""
        [[delivery.policy]]
        domain = "Bücher.Example."
        [[delivery.policy]]
        domain = "[IPv6:2001:DB8::1]"
        """);
    assertThat(d.policies()).extracting(DestinationTlsConfig::domain)
        .containsExactly("xn--bcher-kva.example", "[ipv6:2001:db8::1]");
    assertThat(error("""
        [[delivery.policy]]
        domain = "xn--bcher-kva.example"

        [[delivery.policy]]
        domain = "bücher.example"
        """)).isEqualTo("sealpost.toml:5: [[delivery.policy]] domain: \"bücher.example\" (that is "
            + "xn--bcher-kva.example) already has a policy on line 2");
  }

  @Test
  void weakenedRequireTlsModesAreAllowedAsTheSectionDefault() throws Exception { // RT-3
    for (RequireTlsMode mode : RequireTlsMode.values()) {
      assertThat(load("[delivery]\nrequiretls = \"" + mode.code() + "\"\n").requireTls())
          .isEqualTo(mode);
    }
  }

  @Test
  void everyTlsLevelCodeLoads() throws Exception {
    for (TlsPolicyLevel level : TlsPolicyLevel.values()) {
      assertThat(load("[delivery]\ntls = \"" + level.code() + "\"\n").tls()).isEqualTo(level);
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      relay.example.net              | relay.example.net
      Relay.Example.NET.             | relay.example.net
      relay.example.net:587          | relay.example.net:587
      relay.example.net:0025         | relay.example.net:25
      [192.0.2.1]                    | [192.0.2.1]
      [192.0.2.1]:587                | [192.0.2.1]:587
      [IPv6:2001:DB8::25]:2525       | [ipv6:2001:db8::25]:2525
      localhost:2525                 | localhost:2525
      """)
  void smartHostAcceptsADomainOrAddressLiteralWithAnOptionalPort(String text, String canonical) {
    assertThat(DeliveryRules.smartHost(text)).hasToString(canonical);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      relay.example.net:            | port "" in "relay.example.net:" is not a number 1-65535
      relay.example.net:0           | port "0" in "relay.example.net:0" is not a number 1-65535
      relay.example.net:smtp        | port "smtp" in "relay.example.net:smtp" is not a number 1-65535
      relay.example.net:123456      | port "123456" in "relay.example.net:123456" is not a number 1-65535
      :587                          | not a valid domain: "" in ":587"
      -relay.example.net            | not a valid domain: "-relay.example.net"
      relay example.net             | not a valid domain: "relay example.net"
      192.0.2.1                     | an IP address must be written in brackets: "[192.0.2.1]"
      [192.0.2.1                    | expected "host", "host:port" or "[192.0.2.1]:587", got "[192.0.2.1" (no closing "]")
      [192.0.2.1]587                | expected "host", "host:port" or "[192.0.2.1]:587", got "[192.0.2.1]587"
      [relay.example.net]           | not a valid address literal: "[relay.example.net]" (expected "[192.0.2.1]" or "[IPv6:2001:db8::1]")
      [2001:db8::1]:587             | not a valid address literal: "[2001:db8::1]" (expected "[192.0.2.1]" or "[IPv6:2001:db8::1]") in "[2001:db8::1]:587"
      [IPv6:192.0.2.1]              | not a valid address literal: "[IPv6:192.0.2.1]" (expected "[192.0.2.1]" or "[IPv6:2001:db8::1]")
      2001:db8::1                   | expected "host", "host:port" or "[192.0.2.1]:587", got "2001:db8::1" (write an IPv6 address as "[IPv6:2001:db8::1]")
      """)
  void smartHostRefusesWhatIsNeitherADomainNorALiteralOrHasABadPort(String text, String problem) {
    assertThatThrownBy(() -> DeliveryRules.smartHost(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(problem);
  }

  @Test
  void smartHostErrorNamesKeyAndLine() {
    assertThat(error("[delivery]\nport = 25\nsmart_host = \"\"\n"))
        .isEqualTo("sealpost.toml:3: [delivery] smart_host: must not be empty");
    assertThat(error("[delivery]\nsmart_host = 587\n"))
        .isEqualTo("sealpost.toml:2: [delivery] smart_host: expected a string, got 587");
  }

  @Test
  void heloNameIsAHostNameNotALiteral() {
    assertThat(error("[delivery]\nhelo_name = \"[192.0.2.1]\"\n")).isEqualTo(
        "sealpost.toml:2: [delivery] helo_name: expected a host name, got an address literal "
            + "\"[192.0.2.1]\" (leave helo_name unset to use server.hostname)");
    assertThat(error("[delivery]\nhelo_name = \"mx..example\"\n"))
        .isEqualTo("sealpost.toml:2: [delivery] helo_name: not a valid host name: \"mx..example\"");
  }

  @Test
  void policyThatIsNotATableIsRefused() {
    assertThat(error("[delivery]\npolicy = \"verify\"\n")).isEqualTo("sealpost.toml:2: policies "
        + "are written [[delivery.policy]], one such table per destination domain");
    assertThat(error("[[delivery]]\nport = 25\n")).isEqualTo(
        "sealpost.toml:1: [delivery] is a single table: write [delivery], not [[delivery]]");
  }

  @Test
  void policyValuesMustBeStrings() {
    assertThat(error("[[delivery.policy]]\ndomain = \"a.example\"\ntls = true\n")).isEqualTo(
        "sealpost.toml:3: [[delivery.policy]] tls: expected a string, got true");
  }
}
