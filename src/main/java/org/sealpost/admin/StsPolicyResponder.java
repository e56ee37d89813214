package org.sealpost.admin;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.sealpost.mail.Domain;

/**
 * Decides the answer to one request for the policy, apart from any socket so it can be tested as a
 * table. The only resource is {@code /.well-known/mta-sts.txt} (RFC 8461 §3.2, STS-2) on the hosts
 * {@code mta-sts.<domain>} for the configured policy domains.
 *
 * <p>The host is taken from the {@code Host} header (RFC 9112 §3.2), or from the TLS SNI when a
 * client sent none. A client whose SNI and {@code Host} name different hosts gets 421 Misdirected
 * Request (RFC 9110 §15.5.20) rather than some domain's policy: it asked TLS for one name and HTTP
 * for another, and serving either could hand a domain a policy it did not ask for. Then: an unknown
 * host or path is 404; a method other than GET or HEAD on the policy is 405 (RFC 9110 §9.1 asks
 * every general-purpose server to support both).
 */
final class StsPolicyResponder {

  static final String PATH = "/.well-known/mta-sts.txt";

  private final StsPolicyDocument document;
  private final Set<String> hosts;

  StsPolicyResponder(StsPolicyDocument document, List<Domain> domains) {
    this.document = document;
    Set<String> names = new LinkedHashSet<>();
    for (Domain d : domains) {
      names.add(policyHost(d));
    }
    this.hosts = Set.copyOf(names);
  }

  /** STS-2: the policy host of {@code domain}, the name its HTTPS certificate must carry. */
  static String policyHost(Domain domain) {
    return "mta-sts." + domain.name();
  }

  Set<String> hosts() {
    return hosts;
  }

  /**
   * @param method the request method as sent (methods are case-sensitive, RFC 9110 §9.1)
   * @param path the raw path of the request target, without the query
   * @param hostHeader the {@code Host} header, null when absent
   * @param sni the server name the client asked for in the TLS handshake, null when none
   */
  StsResponse respond(String method, String path, @Nullable String hostHeader, @Nullable String sni) {
    @Nullable String host = hostName(hostHeader);
    @Nullable String tlsName = sni == null ? null : normalise(sni);
    if (host != null && tlsName != null && !host.equals(tlsName)) {
      return StsResponse.problem(421, "misdirected request: TLS was for " + tlsName);
    }
    String name = host != null ? host : tlsName;
    if (name == null || !hosts.contains(name) || !path.equals(PATH)) {
      return StsResponse.problem(404, "not found");
    }
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return StsResponse.problem(405, "method not allowed");
    }
    return StsResponse.policy(document);
  }

  /** The host of a {@code Host} header value: port, brackets and a final dot removed, lower case. */
  static @Nullable String hostName(@Nullable String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String h = header.strip();
    if (h.startsWith("[")) {
      int close = h.indexOf(']');
      return close < 0 ? h : h.substring(0, close + 1); // an IPv6 literal never names a policy host
    }
    int colon = h.indexOf(':');
    return normalise(colon < 0 ? h : h.substring(0, colon));
  }

  private static String normalise(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }
}
