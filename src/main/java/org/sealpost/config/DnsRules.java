package org.sealpost.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code [dns]}. Resolvers are IP literals with an optional port ({@code 127.0.0.1},
 * {@code 127.0.0.1:5353}, {@code ::1}, {@code [::1]:5353}): a resolver reached by name would need a
 * resolver first. In {@code trust-ad} mode the AD bit is only worth trusting over a channel nobody
 * can tamper with (RFC 6698 §A.3, RFC 7672 §2.1.1; spec DANE-1), so a non-loopback resolver needs
 * {@code allow_remote_ad = true}.
 */
final class DnsRules {

  static final List<String> KEYS = List.of(
      "mode", "resolvers", "trust_anchor", "allow_remote_ad", "timeout", "retries", "cache_size");

  private DnsRules() {}

  static DnsConfig read(TomlSection s, Path base) throws ConfigException {
    DnsConfig d = Defaults.dns();
    DnsMode mode = s.choice("mode", d.mode(), DnsMode::fromCode);
    List<String> resolvers = s.list("resolvers", d.resolvers(), text -> {
      address(text);
      return text;
    });
    if (resolvers.isEmpty()) {
      throw s.error("resolvers", "needs at least one resolver");
    }
    @Nullable Path anchor = s.has("trust_anchor")
        ? ConfigLoader.path(s, "trust_anchor", Path.of(""), base)
        : d.trustAnchor();
    boolean allowRemoteAd = s.bool("allow_remote_ad", d.allowRemoteAd());
    if (mode == DnsMode.TRUST_AD && !allowRemoteAd) {
      for (String r : resolvers) {
        if (!address(r).isLoopbackAddress()) {
          throw s.error("resolvers", "\"" + r + "\" is not on loopback; mode \"trust-ad\" trusts "
              + "its AD bit only over loopback (set allow_remote_ad = true to accept the risk)");
        }
      }
    }
    return new DnsConfig(mode, resolvers, anchor, allowRemoteAd,
        s.duration("timeout", d.timeout(), false),
        s.nonNegativeInt("retries", d.retries()),
        s.nonNegativeInt("cache_size", d.cacheSize()));
  }

  /** The address of {@code host}, {@code host:port} or {@code [v6]:port}; IAE when malformed. */
  static InetAddress address(String text) {
    String host = text;
    String port = null;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        throw bad(text);
      }
      host = text.substring(1, close);
      String rest = text.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw bad(text);
        }
        port = rest.substring(1);
      }
    } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
      host = text.substring(0, text.indexOf(':'));
      port = text.substring(text.indexOf(':') + 1);
    }
    if (port != null && (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1
        || Integer.parseInt(port) > 65535)) {
      throw bad(text);
    }
    if (!host.matches("[0-9a-fA-F:.]+") || !(host.contains(".") || host.contains(":"))) {
      throw bad(text);
    }
    try {
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw bad(text);
    }
  }

  private static IllegalArgumentException bad(String text) {
    return new IllegalArgumentException("expected an IP address with an optional port, such as "
        + "\"127.0.0.1\", \"127.0.0.1:5353\" or \"[::1]:5353\", got \"" + text + "\"");
  }
}
