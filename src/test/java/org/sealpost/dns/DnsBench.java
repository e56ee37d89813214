package org.sealpost.dns;

import java.time.Clock;
import java.time.Duration;
import org.sealpost.config.DnsConfig;
import org.sealpost.config.DnsMode;
import org.sealpost.dns.universe.DnsUniverse;
import org.sealpost.mail.Domain;

/**
 * Benchmark, run by {@code bench/dns/run.sh}: MX+A+TLSA resolutions per second (1) from the cache,
 * (2) cold with the validator's key cache warm, (3) fully cold (a new resolver each time, so the
 * whole chain of trust is fetched and verified) against the in-process universe in validate mode.
 */
public final class DnsBench {

  private DnsBench() {}

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
    try (DnsUniverse u = DnsUniverse.start()) {
      byte[] digest = new byte[32];
      u.zone("dest.test").signed().mx(10, "mx1.dest.test").a("mx1.dest.test", "127.0.0.21")
          .tlsa("_25._tcp.mx1.dest.test", 3, 1, 1, digest);
      DnsConfig config = u.config(DnsMode.VALIDATE, Duration.ofSeconds(2));
      Clock clock = Clock.systemUTC();

      CachingResolver warm = (CachingResolver) ResolverFactory.create(config, clock);
      resolve(warm);
      report("cached MX+A+TLSA", seconds, () -> resolve(warm));

      report("cold answers, warm DNSSEC keys", seconds, () -> {
        warm.cache().clear();
        resolve(warm);
      });

      report("fully cold validation (new resolver)", seconds, () -> {
        try {
          resolve((CachingResolver) ResolverFactory.create(config, clock));
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
    }
  }

  private static void resolve(CachingResolver r) {
    DnsResult<MxRecord> mx = r.mx(Domain.of("dest.test"));
    DnsResult<?> a = r.a(Domain.of("mx1.dest.test"));
    DnsResult<?> tlsa = r.tlsa(Domain.of("_25._tcp.mx1.dest.test"));
    if (!mx.isSecure() || !a.isSecure() || !tlsa.isSecure()) {
      throw new IllegalStateException("expected secure answers: " + mx + a + tlsa);
    }
  }

  private static void report(String what, double seconds, Runnable op) {
    // Warm up for a third of the time, then measure.
    long warmEnd = System.nanoTime() + (long) (seconds / 3 * 1e9);
    while (System.nanoTime() < warmEnd) {
      op.run();
    }
    long n = 0;
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    while (System.nanoTime() < end) {
      op.run();
      n++;
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    System.out.printf("%-40s %12.0f resolutions/s  %10.2f us/resolution  (%d in %.1f s)%n",
        what, n / elapsed, elapsed * 1e6 / n, n, elapsed);
  }
}
