package org.sealpost.policy.dane;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sealpost.config.DnsMode;
import org.sealpost.dns.DnsResult;
import org.sealpost.dns.MxHost;
import org.sealpost.dns.RecordType;
import org.sealpost.dns.Resolver;
import org.sealpost.dns.ResolverFactory;
import org.sealpost.dns.Security;
import org.sealpost.dns.TlsaRecord;
import org.sealpost.dns.universe.DnsUniverse;
import org.sealpost.mail.Domain;
import org.sealpost.tls.TestPki;

/**
 * The DANE state of MX hosts in a really signed DNS universe (RFC 7672 §2.2): address security
 * first (DANE-4), the TLSA base domain through CNAMEs (DANE-5), usability (DANE-6, DANE-7,
 * DANE-10) and lookup failures (DANE-2).
 */
class TlsaLookupTest {

  private static final String MX1 = "mx1.dest.test";
  private static final Domain MX1_NAME = Domain.of(MX1);

  private final TestPki pki = TestPki.create();
  private final TestPki.Issued server = pki.server(MX1);
  private DnsUniverse universe;
  private Resolver resolver;
  private RecordingResolver recording;
  private TlsaLookup lookup;

  @BeforeEach
  void start() throws IOException {
    universe = DnsUniverse.start("127.0.0.57", Clock.systemUTC());
    universe.zone("dest.test").signed().mx(10, MX1).a(MX1, "127.0.0.21");
    universe.zone("hoster.test").signed().a("mx.hoster.test", "127.0.0.22");
    universe.zone("plain.test").a("mx.plain.test", "127.0.0.23");
  }

  @AfterEach
  void stop() {
    universe.close();
  }

  /** Call after the zones are built: the resolver caches. */
  private DaneState stateOf(String host, Security mxSecurity) throws IOException {
    resolver = ResolverFactory.create(
        universe.config(DnsMode.VALIDATE, Duration.ofMillis(700)), Clock.systemUTC());
    recording = new RecordingResolver(resolver);
    lookup = new TlsaLookup(recording);
    Domain d = Domain.of(host);
    return lookup.lookup(new MxHost(d, 10, resolver.a(d), resolver.aaaa(d), mxSecurity), 25);
  }

  private TlsaRecord eeRecord() {
    return Tlsa.of(3, 1, 1, server.leaf());
  }

  @Test
  void secureUsableRecordGivesUsableWithTheBaseDomainAsSni_DANE6_DANE13() throws IOException {
    universe.zone("dest.test").tlsa("_25._tcp." + MX1, 3, 1, 1, server.leaf());

    DaneState state = stateOf(MX1, Security.SECURE);

    assertThat(state).isEqualTo(new DaneState.Usable(MX1_NAME, List.of(eeRecord()), MX1_NAME));
    assertThat(state.requiresTls()).isTrue();
    assertThat(recording.tlsaQuestions()).containsExactly(Domain.of("_25._tcp." + MX1));
  }

  @Test
  void onlyUsableRecordsAreKept_DANE10() throws IOException {
    universe.zone("dest.test")
        .tlsa("_25._tcp." + MX1, 1, 1, 1, server.leaf())
        .tlsa("_25._tcp." + MX1, 3, 1, 1, server.leaf());

    DaneState state = stateOf(MX1, Security.SECURE);

    assertThat(state).isInstanceOfSatisfying(DaneState.Usable.class,
        u -> assertThat(u.records()).containsExactly(eeRecord()));
  }

  @Test
  void pkixRecordsOnlyAreUnusableButTlsStaysMandatory_DANE7_DANE10() throws IOException {
    universe.zone("dest.test")
        .tlsa("_25._tcp." + MX1, 0, 0, 1, pki.caCertificate())
        .tlsa("_25._tcp." + MX1, 1, 1, 1, server.leaf());

    DaneState state = stateOf(MX1, Security.SECURE);

    assertThat(state).isInstanceOfSatisfying(DaneState.Unusable.class, u -> {
      assertThat(u.baseDomain()).isEqualTo(MX1_NAME);
      assertThat(u.published()).hasSize(2);
    });
    assertThat(state.requiresTls()).isTrue();
  }

  @Test
  void noTlsaRecordsMeansDaneDoesNotApply_DANE6() throws IOException {
    // Secure NXDOMAIN: no name _25._tcp.mx1.dest.test at all.
    DaneState nx = stateOf(MX1, Security.SECURE);
    assertThat(nx).isInstanceOfSatisfying(DaneState.NotApplicable.class,
        n -> assertThat(n.reason()).contains("SECURE NXDOMAIN"));
    assertThat(nx.requiresTls()).isFalse();

    // Secure NODATA: the name exists, with no TLSA.
    universe.zone("dest.test").txt("_25._tcp." + MX1, "not a TLSA");
    assertThat(stateOf(MX1, Security.SECURE)).isInstanceOfSatisfying(
        DaneState.NotApplicable.class, n -> assertThat(n.reason()).contains("SECURE NODATA"));
  }

  @Test
  void insecureAddressesMeanNoTlsaQueryAtAll_DANE4() throws IOException {
    universe.zone("plain.test").tlsa("_25._tcp.mx.plain.test", 3, 1, 1, server.leaf());

    DaneState state = stateOf("mx.plain.test", Security.SECURE);

    assertThat(state).isInstanceOfSatisfying(DaneState.NotApplicable.class,
        n -> assertThat(n.reason()).contains("not DNSSEC-signed"));
    assertThat(recording.tlsaQuestions()).isEmpty();
  }

  @Test
  void insecureTlsaAnswerIsNotApplicable_DANE6() throws IOException {
    // The _tcp subzone is an unsigned delegation: the A record is secure, the TLSA is not.
    universe.zone("apex.test").signed().a("apex.test", "127.0.0.24");
    universe.zone("_tcp.apex.test").tlsa("_25._tcp.apex.test", 3, 1, 1, server.leaf());

    DaneState state = stateOf("apex.test", Security.SECURE);

    assertThat(state).isInstanceOfSatisfying(DaneState.NotApplicable.class,
        n -> assertThat(n.reason()).contains("records not DNSSEC-signed"));
  }

  @Test
  void anInsecureMxDoesNotStopDaneForASignedHost() throws IOException {
    // RFC 7672 §2.2.1: a client MAY use DANE with hosts from an insecure MX RRset (project choice).
    universe.zone("dest.test").tlsa("_25._tcp." + MX1, 3, 1, 1, server.leaf());

    assertThat(stateOf(MX1, Security.INSECURE)).isInstanceOf(DaneState.Usable.class);
  }

  @Test
  void tlsaServfailSkipsTheHost_DANE2() throws IOException {
    universe.zone("dest.test").tlsa("_25._tcp." + MX1, 3, 1, 1, server.leaf())
        .servfail("_25._tcp." + MX1, RecordType.TLSA);

    DaneState state = stateOf(MX1, Security.SECURE);

    assertThat(state).isInstanceOfSatisfying(DaneState.Failed.class,
        f -> assertThat(f.cause().isFailure()).isTrue());
    assertThat(state.requiresTls()).isFalse();
  }

  @Test
  void bogusTlsaSkipsTheHost_DANE2() throws IOException {
    universe.zone("dest.test").tlsa("_25._tcp." + MX1, 3, 1, 1, server.leaf())
        .badSignature("_25._tcp." + MX1, RecordType.TLSA);

    DaneState state = stateOf(MX1, Security.SECURE);

    assertThat(state).isInstanceOfSatisfying(DaneState.Failed.class,
        f -> assertThat(f.cause()).isInstanceOf(DnsResult.Bogus.class));
  }

  @Test
  void tlsaTimeoutSkipsTheHost_DANE2() throws IOException {
    universe.zone("dest.test").tlsa("_25._tcp." + MX1, 3, 1, 1, server.leaf())
        .unresponsive("_25._tcp." + MX1, RecordType.TLSA);

    DaneState state = stateOf(MX1, Security.SECURE);

    assertThat(state).isInstanceOfSatisfying(DaneState.Failed.class,
        f -> assertThat(f.cause()).isInstanceOf(DnsResult.Timeout.class));
  }

  @Test
  void bogusAddressesAreALookupFailure_DANE2() throws IOException {
    universe.zone("dest.test").badSignature(MX1, RecordType.A);

    DaneState state = stateOf(MX1, Security.SECURE);

    assertThat(state).isInstanceOfSatisfying(DaneState.Failed.class,
        f -> assertThat(f.cause()).isInstanceOf(DnsResult.Bogus.class));
    assertThat(recording.tlsaQuestions()).isEmpty();
  }

  @Test
  void secureCnameTriesTheExpandedNameFirst_DANE5() throws IOException {
    universe.zone("dest.test").cname("mx2.dest.test", "mx.hoster.test")
        .tlsa("_25._tcp.mx2.dest.test", 3, 1, 1, server.leaf());
    universe.zone("hoster.test").tlsa("_25._tcp.mx.hoster.test", 3, 1, 1, server.leaf());

    DaneState state = stateOf("mx2.dest.test", Security.SECURE);

    Domain hoster = Domain.of("mx.hoster.test");
    assertThat(state).isEqualTo(new DaneState.Usable(hoster, List.of(eeRecord()), hoster));
    assertThat(recording.tlsaQuestions()).containsExactly(Domain.of("_25._tcp.mx.hoster.test"));
  }

  @Test
  void secureCnameFallsBackToTheOriginalName_DANE5() throws IOException {
    universe.zone("dest.test").cname("mx2.dest.test", "mx.hoster.test")
        .tlsa("_25._tcp.mx2.dest.test", 3, 1, 1, server.leaf());

    DaneState state = stateOf("mx2.dest.test", Security.SECURE);

    Domain original = Domain.of("mx2.dest.test");
    assertThat(state).isEqualTo(new DaneState.Usable(original, List.of(eeRecord()), original));
    assertThat(recording.tlsaQuestions()).containsExactly(
        Domain.of("_25._tcp.mx.hoster.test"), Domain.of("_25._tcp.mx2.dest.test"));
  }

  @Test
  void insecureCnameChainMeansNoTlsaQuery_DANE4_DANE5() throws IOException {
    // The alias lives in an unsigned zone; the target and its TLSA are signed.
    universe.zone("plain.test").cname("mx.plain.test", "mx.hoster.test");
    universe.zone("plain.test").remove("mx.plain.test", RecordType.A);
    universe.zone("hoster.test").tlsa("_25._tcp.mx.hoster.test", 3, 1, 1, server.leaf());

    DaneState state = stateOf("mx.plain.test", Security.SECURE);

    assertThat(state).isInstanceOf(DaneState.NotApplicable.class);
    assertThat(recording.tlsaQuestions()).isEmpty();
  }

  @Test
  void aCnameAtTheTlsaOwnerDoesNotChangeTheBaseDomain_DANE5() throws IOException {
    universe.zone("dest.test").cname("_25._tcp." + MX1, "_25._tcp.mx.hoster.test");
    universe.zone("hoster.test").tlsa("_25._tcp.mx.hoster.test", 3, 1, 1, server.leaf());

    DaneState state = stateOf(MX1, Security.SECURE);

    assertThat(state).isEqualTo(new DaneState.Usable(MX1_NAME, List.of(eeRecord()), MX1_NAME));
  }

  @Test
  void anAddressLiteralHasNoDane() throws IOException {
    DaneState state = stateOf(MX1, Security.SECURE);
    Domain literal = Domain.of("[127.0.0.21]");
    MxHost host = new MxHost(literal, 0, resolver.a(MX1_NAME), resolver.aaaa(MX1_NAME),
        Security.SECURE);

    assertThat(state).isInstanceOf(DaneState.NotApplicable.class);
    assertThat(lookup.lookup(host, 25)).isInstanceOf(DaneState.NotApplicable.class);
  }

  @Test
  void thePortIsPartOfTheOwnerName_DANE5() throws IOException {
    universe.zone("dest.test").tlsa("_2525._tcp." + MX1, 3, 1, 1, server.leaf());
    stateOf(MX1, Security.SECURE);
    Domain d = MX1_NAME;

    DaneState state = lookup.lookup(
        new MxHost(d, 10, resolver.a(d), resolver.aaaa(d), Security.SECURE), 2525);

    assertThat(state).isInstanceOf(DaneState.Usable.class);
    assertThat(recording.tlsaQuestions()).endsWith(Domain.of("_2525._tcp." + MX1));
  }
}
