package org.sealpost.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.sealpost.config.Defaults;
import org.sealpost.config.DnsConfig;
import org.sealpost.config.DnsMode;
import org.sealpost.dns.DnsResult;
import org.sealpost.dns.MxHost;
import org.sealpost.dns.MxResolution;
import org.sealpost.dns.MxResolver;
import org.sealpost.dns.RecordType;
import org.sealpost.dns.Resolver;
import org.sealpost.dns.ResolverFactory;
import org.sealpost.dns.ResolverSetup;
import org.sealpost.mail.Domain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sealpost dns <type> <name>}: one question through Sealpost's own resolver, with the
 * answer, its DNSSEC status and the CNAME chain; for MX also the next hops of RFC 5321 §5.1 with
 * their addresses. The tool for "why is mail to this domain stuck?". Exit status 0 for an answer,
 * NXDOMAIN or NODATA; 1 for BOGUS, SERVFAIL or TIMEOUT.
 */
@Command(name = "dns", description = "Ask Sealpost's resolver; show the answer, its DNSSEC status and CNAMEs.")
public final class DnsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", description = "Record type: MX, A, AAAA, TLSA, TXT or CNAME.")
  String type;

  @Parameters(index = "1", description = "Name to look up, e.g. example.org or _25._tcp.mx.example.org.")
  String name;

  @Option(names = "--server", description = "Resolver ip[:port], repeatable (default: [dns] resolvers).")
  @Nullable List<String> servers;

  @Option(names = "--mode", description = "validate, trust-ad or off (default: [dns] mode).")
  @Nullable String mode;

  @Option(names = "--trust-anchor", description = "Trust anchor file of DS/DNSKEY records (validate).")
  @Nullable Path trustAnchor;

  @Option(names = "--timeout", description = "Per-query timeout, e.g. 2s or 500ms (default: [dns] timeout).")
  @Nullable String timeout;

  @Option(names = "--allow-remote-ad", description = "Trust the AD bit of a non-loopback resolver.")
  boolean allowRemoteAd;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    DnsConfig d = Defaults.dns();
    DnsConfig config = new DnsConfig(
        mode == null ? d.mode() : DnsMode.fromCode(mode),
        servers == null || servers.isEmpty() ? d.resolvers() : servers,
        trustAnchor == null ? d.trustAnchor() : trustAnchor,
        allowRemoteAd || d.allowRemoteAd(),
        timeout == null ? d.timeout() : parseDuration(timeout),
        d.retries(),
        d.cacheSize());
    RecordType t = RecordType.parse(type);
    Domain domain = Domain.of(name);
    ResolverSetup setup = ResolverFactory.start(config, Clock.systemUTC());
    Resolver r = setup.resolver();
    out.printf("question: %s %s%n", domain.name(), t);
    out.printf("resolver: %s mode=%s%s%n", String.join(",", config.resolvers()),
        setup.effective().code(),
        setup.degraded() ? " (asked for " + setup.requested().code() + ": " + setup.problem() + ")" : "");
    DnsResult<?> result = switch (t) {
      case A -> r.a(domain);
      case AAAA -> r.aaaa(domain);
      case MX -> r.mx(domain);
      case TLSA -> r.tlsa(domain);
      case TXT -> r.txt(domain);
      case CNAME -> r.cname(domain);
    };
    print(out, result);
    if (t == RecordType.MX && !result.isFailure()) {
      printHosts(out, new MxResolver(r).resolve(domain));
    }
    out.flush();
    return result.isFailure() ? 1 : 0;
  }

  static void print(PrintWriter out, DnsResult<?> result) {
    String security = result.security() == null ? "" : " " + result.security().name().toLowerCase(java.util.Locale.ROOT);
    out.printf("status:   %s%s%n", result.status(), security);
    switch (result) {
      case DnsResult.Answer<?> a -> {
        chain(out, a.aliases(), a.canonicalName());
        for (Object v : a.values()) {
          out.printf("  %s%n", v instanceof String s ? "\"" + s + "\"" : v);
        }
      }
      case DnsResult.NxDomain<?> n -> chain(out, n.aliases(), n.canonicalName());
      case DnsResult.NoData<?> n -> chain(out, n.aliases(), n.canonicalName());
      case DnsResult.Bogus<?> b -> out.printf("reason:   %s%n", b.reason());
      case DnsResult.ServFail<?> s -> out.printf("reason:   %s%n", s.reason());
      case DnsResult.Timeout<?> x -> out.printf("reason:   no answer within the timeout%n");
    }
  }

  private static void chain(PrintWriter out, List<Domain> aliases, Domain canonical) {
    if (!aliases.isEmpty()) {
      StringBuilder sb = new StringBuilder();
      for (Domain a : aliases) {
        sb.append(a.name()).append(" -> ");
      }
      out.printf("cname:    %s%s%n", sb, canonical.name());
    }
  }

  private static void printHosts(PrintWriter out, MxResolution m) {
    switch (m) {
      case MxResolution.Hosts h -> {
        out.printf("next hops (%s MX%s):%n", h.mxSecurity().name().toLowerCase(java.util.Locale.ROOT),
            h.implicit() ? ", implicit: no MX, the domain itself" : "");
        for (MxHost host : h.hosts()) {
          String addrs = host.addresses().stream().map(a -> a.getHostAddress())
              .reduce((x, y) -> x + " " + y).orElse("no address");
          DnsResult<?> failure = host.addressFailure();
          out.printf("  %d %s %s chain=%s%s%n", host.preference(), host.name().name(), addrs,
              host.chainSecurity().name().toLowerCase(java.util.Locale.ROOT),
              failure == null ? "" : " address-lookup=" + failure.status());
        }
      }
      case MxResolution.NullMx n -> out.printf("next hops: none, null MX: the domain accepts no mail (%s)%n", m.failureStatus());
      case MxResolution.NoSuchDomain n -> out.printf("next hops: none, no such domain (%s)%n", m.failureStatus());
      case MxResolution.Failed f -> out.printf("next hops: unknown, lookup failed (%s)%n", m.failureStatus());
    }
  }

  static Duration parseDuration(String text) {
    String s = text.strip();
    if (s.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
    }
    if (s.endsWith("s")) {
      return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)));
    }
    return Duration.ofSeconds(Long.parseLong(s));
  }
}
