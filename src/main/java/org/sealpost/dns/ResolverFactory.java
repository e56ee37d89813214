package org.sealpost.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.sealpost.config.DnsConfig;
import org.sealpost.config.DnsMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Builds the {@link Resolver} from {@link DnsConfig}. {@link #start} also proves, before Sealpost
 * relies on it, that the DNSKEY RRset of the trust anchor (the root, unless a trust anchor file
 * names another zone) comes back secure. If it does not, it logs an error naming the fix and runs
 * as {@code off}: a resolver that cannot validate must never make bogus look secure (DANE-1).
 */
public final class ResolverFactory {

  private static final Logger log = LoggerFactory.getLogger(ResolverFactory.class);

  private ResolverFactory() {}

  /** Builds, probes and, if validation does not work, degrades to {@code off}. */
  public static ResolverSetup start(DnsConfig config, Clock clock) throws IOException {
    List<InetSocketAddress> servers = servers(config);
    if (config.mode() == DnsMode.OFF) {
      warnOff(servers);
      return new ResolverSetup(off(config, servers, clock), DnsMode.OFF, DnsMode.OFF, null);
    }
    TrustAnchors anchors = TrustAnchors.load(config.trustAnchor());
    Upstream upstream = upstream(config, servers, anchors, clock);
    Name probe = config.mode() == DnsMode.VALIDATE || config.trustAnchor() != null
        ? anchors.owners().getFirst()
        : Name.root;
    String problem = probe(upstream, probe);
    if (problem == null) {
      log.info("dns: mode={} resolvers={} anchor=\"{}\" probe={} status=secure",
          config.mode().code(), servers, anchors.source(), probe);
      return new ResolverSetup(
          new CachingResolver(upstream, clock, config.cacheSize(), config.mode(), transportOf(upstream)),
          config.mode(), config.mode(), null);
    }
    String fix = config.mode() == DnsMode.VALIDATE
        ? "make [dns] resolvers reach a server that answers DNSSEC queries (DO bit, RRSIGs),"
            + " check [dns] trust_anchor, or use mode = \"trust-ad\" with a local validating resolver"
        : "point [dns] resolvers at a DNSSEC-validating resolver on loopback (e.g. unbound),"
            + " or use mode = \"validate\"";
    log.error("dns: mode={} resolvers={} probe=\"{} DNSKEY\" problem=\"{}\" fix=\"{}\" running=off",
        config.mode().code(), servers, probe, problem, fix);
    warnOff(servers);
    return new ResolverSetup(off(config, servers, clock), config.mode(), DnsMode.OFF,
        problem + "; fix: " + fix);
  }

  /** Builds without the start-up probe (tools and tests that check the mode themselves). */
  public static Resolver create(DnsConfig config, Clock clock) throws IOException {
    List<InetSocketAddress> servers = servers(config);
    if (config.mode() == DnsMode.OFF) {
      return off(config, servers, clock);
    }
    TrustAnchors anchors = TrustAnchors.load(config.trustAnchor());
    Upstream upstream = upstream(config, servers, anchors, clock);
    return new CachingResolver(upstream, clock, config.cacheSize(), config.mode(), transportOf(upstream));
  }

  private static Upstream upstream(
      DnsConfig config, List<InetSocketAddress> servers, TrustAnchors anchors, Clock clock)
      throws IOException {
    DnsTransport transport = new DnsTransport(servers, config.timeout(), config.retries(), true);
    return switch (config.mode()) {
      case VALIDATE -> new ValidatingUpstream(transport, anchors.open(), clock);
      case TRUST_AD -> {
        // RFC 7672 §2.1.1: the AD bit is only worth something over a trusted channel.
        for (InetSocketAddress s : servers) {
          if (!s.getAddress().isLoopbackAddress() && !config.allowRemoteAd()) {
            throw new IllegalArgumentException("[dns] mode = \"trust-ad\" with the non-loopback"
                + " resolver " + s + ": set allow_remote_ad = true only if the channel to it is"
                + " trusted (RFC 7672 §2.1.1), or use mode = \"validate\"");
          }
        }
        yield new TrustAdUpstream(transport);
      }
      case OFF -> new InsecureUpstream(transport);
    };
  }

  private static DnsTransport transportOf(Upstream u) {
    return switch (u) {
      case ValidatingUpstream v -> v.transport();
      case TrustAdUpstream t -> t.transport();
      case InsecureUpstream i -> i.transport();
      default -> throw new IllegalStateException("unknown upstream " + u);
    };
  }

  private static CachingResolver off(DnsConfig config, List<InetSocketAddress> servers, Clock clock) {
    DnsTransport t = new DnsTransport(servers, config.timeout(), config.retries(), false);
    return new CachingResolver(new InsecureUpstream(t), clock, config.cacheSize(), DnsMode.OFF, t);
  }

  private static void warnOff(List<InetSocketAddress> servers) {
    log.warn("dns: mode=off resolvers={} problem=\"no DNSSEC: every answer is insecure\""
        + " effect=\"no DANE; REQUIRETLS mail only goes to MX hosts that an MTA-STS policy names\"", servers);
  }

  /** Null when {@code name DNSKEY} comes back secure with keys; else what went wrong. */
  static @org.jspecify.annotations.Nullable String probe(Upstream upstream, Name name) {
    try {
      Upstream.Reply r = upstream.query(name, Type.DNSKEY);
      if (r.bogusReason() != null || r.message() == null) {
        return "DNSKEY answer is bogus: " + r.bogusReason();
      }
      boolean keys = r.message().getSection(Section.ANSWER).stream()
          .anyMatch(rec -> rec instanceof DNSKEYRecord && rec.getName().equals(name));
      if (!keys) {
        return "no DNSKEY records in the answer";
      }
      if (r.security() != Security.SECURE) {
        return "DNSKEY answer is not validated (no AD bit / not secure)";
      }
      return null;
    } catch (TransportException e) {
      return "DNSKEY query failed (" + e.kind() + "): " + e.getMessage();
    }
  }

  /** Parses {@code ip}, {@code ip:port}, {@code [ipv6]:port} or a bare IPv6 literal; port 53. */
  static List<InetSocketAddress> servers(DnsConfig config) {
    List<InetSocketAddress> out = new ArrayList<>();
    for (String s : config.resolvers()) {
      out.add(parseServer(s));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("[dns] resolvers is empty");
    }
    return out;
  }

  public static InetSocketAddress parseServer(String text) {
    String s = text.strip();
    String host = s;
    int port = 53;
    if (s.startsWith("[")) {
      int end = s.indexOf(']');
      if (end < 0) {
        throw new IllegalArgumentException("bad resolver address: " + text);
      }
      host = s.substring(1, end);
      if (end + 1 < s.length()) {
        if (s.charAt(end + 1) != ':') {
          throw new IllegalArgumentException("bad resolver address: " + text);
        }
        port = parsePort(s.substring(end + 2), text);
      }
    } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
      host = s.substring(0, s.indexOf(':'));
      port = parsePort(s.substring(s.indexOf(':') + 1), text);
    }
    try {
      return new InetSocketAddress(InetAddress.ofLiteral(host), port);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "resolver must be an IP address, optionally with :port: " + text, e);
    }
  }

  private static int parsePort(String p, String text) {
    try {
      int port = Integer.parseInt(p);
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad port in resolver address: " + text, e);
    }
  }
}
