package org.sealpost.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.sealpost.mail.Domain;

/**
 * {@code [mta_sts_policy]}: the published policy must be one a sender can parse (RFC 8461 §3.2,
 * STS-3), the TLS-RPT addresses must be ones RFC 8460 §3 allows, and an enabled listener needs a
 * certificate. {@code mx} defaults to the server's host name and {@code domains} to the local
 * domains, so those sections are read first.
 */
final class MtaStsPolicyRules {

  static final List<String> KEYS = List.of(
      "enabled", "listen", "cert_file", "key_file", "mode", "mx", "max_age", "domains",
      "tlsrpt_rua");

  private MtaStsPolicyRules() {}

  /** What the section inherits from the rest of the file. */
  record Context(ServerConfig server, LocalConfig local, TlsConfig tls, List<ListenerConfig> listeners,
      Path base) {}

  static MtaStsPolicyConfig read(TomlSection s, Context c) throws ConfigException {
    MtaStsPolicyConfig d = Defaults.mtaStsPolicy(c.server(), c.local());
    boolean enabled = s.bool("enabled", d.enabled());
    InetSocketAddress listen = s.has("listen") ? listen(s, s.nonEmptyString("listen", "")) : d.listen();
    for (ListenerConfig l : c.listeners()) {
      InetAddress bound = InetAddress.ofLiteral(l.address());
      if (l.port() == listen.getPort() && l.port() != 0 && (bound.equals(listen.getAddress())
          || bound.isAnyLocalAddress() || listen.getAddress().isAnyLocalAddress())) {
        throw s.error("listen", "port " + l.port() + " of " + l.address()
            + " is already used by listener \"" + l.name() + "\"");
      }
    }
    @Nullable Path cert = s.has("cert_file") ? ConfigLoader.path(s, "cert_file", Path.of(""), c.base()) : null;
    @Nullable Path key = s.has("key_file") ? ConfigLoader.path(s, "key_file", Path.of(""), c.base()) : null;
    if (cert != null && key == null) {
      throw s.error("cert_file", "is set but key_file is not (set both, or neither to use the "
          + "SMTP server's certificate)");
    }
    if (key != null && cert == null) {
      throw s.error("key_file", "is set but cert_file is not (set both, or neither to use the "
          + "SMTP server's certificate)");
    }
    if (enabled && cert == null && !c.tls().enabled()) {
      throw s.error("enabled", "the HTTPS listener needs a certificate: set cert_file and key_file, "
          + "or give [tls] a certificate");
    }
    MtaStsMode mode = s.choice("mode", d.mode(), MtaStsMode::fromCode);
    List<String> mx = s.list("mx", d.mx(), MtaStsPolicyRules::mxPattern);
    if (mx.isEmpty() && mode != MtaStsMode.NONE) {
      throw s.error("mx", "mode \"" + mode.code() + "\" needs at least one mx pattern "
          + "(RFC 8461 §3.2); only mode \"none\" may list none");
    }
    long maxAge = s.integer("max_age", d.maxAge(), 0, MtaStsPolicyConfig.MAX_AGE_LIMIT,
        "seconds from 0 to " + MtaStsPolicyConfig.MAX_AGE_LIMIT + " (RFC 8461 §3.2)");
    List<Domain> domains = s.list("domains", d.domains(), MtaStsPolicyRules::policyDomain);
    if (enabled && domains.isEmpty()) {
      throw s.error("domains", "is empty, so the enabled listener would serve no policy");
    }
    List<URI> rua = s.list("tlsrpt_rua", d.tlsrptRua(), MtaStsPolicyRules::reportUri);
    return new MtaStsPolicyConfig(enabled, listen, cert, key, mode, mx, maxAge, domains, rua);
  }

  /** {@code ip:port}, IPv6 as {@code [::1]:8443}; a literal so start-up never waits on DNS. */
  private static InetSocketAddress listen(TomlSection s, String text) throws ConfigException {
    int colon = text.lastIndexOf(':');
    String host = colon > 0 ? text.substring(0, colon) : "";
    String port = colon > 0 ? text.substring(colon + 1) : "";
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      host = "";
    }
    if (host.isEmpty() || !port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535) {
      throw s.error("listen", "expected IP:PORT such as \"127.0.0.1:8443\", \"0.0.0.0:443\" or "
          + "\"[::]:443\", got \"" + text + "\"");
    }
    try {
      return new InetSocketAddress(InetAddress.ofLiteral(host), Integer.parseInt(port));
    } catch (IllegalArgumentException e) {
      throw s.error("listen", "not an IP address: \"" + host + "\" in \"" + text + "\"");
    }
  }

  /**
   * RFC 8461 §3.2: a host name, or {@code *.} and a domain for "any one label here" (§4.1); IDNs as
   * A-labels, which {@link Domain#of} produces.
   */
  static String mxPattern(String text) {
    boolean wildcard = text.startsWith("*.");
    String name = wildcard ? text.substring(2) : text;
    Domain domain;
    try {
      domain = Domain.of(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a host name or *.domain pattern: \"" + text + "\"", e);
    }
    // A wildcard directly under a top-level domain would let any host of that TLD pass (§4.1).
    if (domain.isAddressLiteral() || name.contains("*") || (wildcard && !domain.name().contains("."))) {
      throw new IllegalArgumentException("expected a host name such as \"mx1.example.org\" or a "
          + "pattern such as \"*.example.org\", got \"" + text + "\"");
    }
    return (wildcard ? "*." : "") + domain.name();
  }

  private static Domain policyDomain(String text) {
    Domain domain;
    try {
      domain = Domain.of(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a valid domain: \"" + text + "\"", e);
    }
    if (domain.isAddressLiteral()) {
      throw new IllegalArgumentException("expected a domain, got an address literal \"" + text + "\"");
    }
    return domain;
  }

  /**
   * RFC 8460 §3: {@code mailto:} or {@code https:} only. Commas and semicolons separate URIs and
   * fields in the TXT record, so inside one URI they must be percent-encoded.
   */
  static URI reportUri(String text) {
    if (!text.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
      throw new IllegalArgumentException("\"" + text + "\" has spaces or non-ASCII characters; "
          + "percent-encode them (a TXT record is ASCII)");
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URI: \"" + text + "\" (" + e.getReason() + ")", e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    switch (scheme) {
      case "mailto" -> {
        String to = uri.getSchemeSpecificPart();
        if (to == null || to.indexOf('@') <= 0 || to.endsWith("@")) {
          throw new IllegalArgumentException("expected mailto:local@domain, got \"" + text + "\"");
        }
      }
      case "https" -> {
        if (uri.getHost() == null) {
          throw new IllegalArgumentException("expected https://host/path, got \"" + text + "\"");
        }
      }
      default -> throw new IllegalArgumentException("expected a mailto: or https: URI (RFC 8460 "
          + "§3), got \"" + text + "\"");
    }
    if (text.contains(",") || text.contains(";")) {
      throw new IllegalArgumentException("\"" + text + "\" contains \",\" or \";\", which separate "
          + "the TXT record's URIs and fields; percent-encode them (%2C, %3B)");
    }
    return uri;
  }
}
