package org.sealpost.dns;

import org.sealpost.dns.universe.DnsUniverse;

/** The zones every mode's table test runs against. */
final class Scenarios {

  private Scenarios() {}

  static void populate(DnsUniverse u) {
    byte[] digest = new byte[32];
    for (int i = 0; i < digest.length; i++) {
      digest[i] = (byte) i;
    }
    u.zone("dest.test").signed()
        .mx(10, "mx1.dest.test")
        .a("mx1.dest.test", "127.0.0.21")
        .tlsa("_25._tcp.mx1.dest.test", 3, 1, 1, digest)
        .txt("_mta-sts.dest.test", "v=STSv1; ", "id=2026012345")
        .cname("www.dest.test", "mx1.dest.test")
        .cname("alias.dest.test", "mx.plain.test")
        .cname("dangling.dest.test", "gone.dest.test")
        .mx("insecurea.dest.test", 10, "mx.plain.test")
        .cname("mailalias.dest.test", "dest.test");
    u.zone("implicit.test").signed().a("implicit.test", "127.0.0.26");
    u.zone("multi.test").signed()
        .mx(10, "a.multi.test").mx(10, "b.multi.test").mx(20, "c.multi.test")
        .a("a.multi.test", "127.0.0.31").a("b.multi.test", "127.0.0.32")
        .a("c.multi.test", "127.0.0.33");
    u.zone("ttl.test").signed().ttl(60).a("host.ttl.test", "127.0.0.27");
    u.zone("plain.test").mx(10, "mx.plain.test").a("mx.plain.test", "127.0.0.22");
    u.zone("bogus.test").badSignatures().mx(10, "mx.bogus.test").a("mx.bogus.test", "127.0.0.23");
    u.zone("partly.test").signed().badSignature("partly.test", RecordType.MX)
        .mx(10, "mx.partly.test").a("mx.partly.test", "127.0.0.24");
    u.zone("expired.test").expiredSignatures().mx(10, "mx.expired.test");
    u.zone("wrongds.test").wrongDs().mx(10, "mx.wrongds.test");
    u.zone("nods.test").missingDs().mx(10, "mx.nods.test");
    u.zone("tlsafail.test").signed()
        .mx(10, "mx1.tlsafail.test")
        .a("mx1.tlsafail.test", "127.0.0.25")
        .tlsa("_25._tcp.mx1.tlsafail.test", 3, 1, 1, digest)
        .servfail("_25._tcp.mx1.tlsafail.test", RecordType.TLSA);
    u.zone("broken.test").signed().servfail().mx(10, "mx.broken.test");
    u.zone("silent.test").signed().unresponsive().mx(10, "mx.silent.test");
    u.zone("big.test").signed().truncateUdp();
    for (int i = 0; i < 12; i++) {
      u.zone("big.test").txt("big.test", "record-" + i + "-" + "x".repeat(100));
    }
    u.zone("nomail.test").signed().nullMx();
  }
}
