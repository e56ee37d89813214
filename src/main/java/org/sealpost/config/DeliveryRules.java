package org.sealpost.config;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.sealpost.mail.Domain;

/**
 * {@code [delivery]} and its {@code [[delivery.policy]]} tables. Host names are stored canonical
 * ({@link Domain#of}: A-labels, lower case), so that a policy's domain compares equal to the name
 * delivery looks up. A smart host is a domain or an RFC 5321 §4.1.3 address literal, with an
 * optional port; a bare IP address is refused because it would be looked up as a domain (MX of
 * {@code 192.0.2.1}). Each policy domain may appear once, and a policy's {@code tls} and {@code
 * requiretls} default to the section's.
 *
 * <p>{@code requiretls = "opportunistic"} or {@code "disable"} is allowed, also as the section
 * default: it weakens RFC 8689's promise (RT-3) but is the operator's call; delivery logs each use.
 */
final class DeliveryRules {

  static final List<String> KEYS = List.of(
      "enabled", "port", "helo_name", "smart_host", "ca_file", "connect_timeout",
      "command_timeout", "tls", "requiretls", "maildir_root", "double_bounce_to_postmaster",
      "smart_host_user", "smart_host_password_file", "connection_reuse_time",
      "max_messages_per_connection", "source_address");

  static final List<String> POLICY_KEYS = List.of("domain", "tls", "requiretls");

  private static final String SMART_HOST_FORMS =
      "expected \"host\", \"host:port\" or \"[192.0.2.1]:587\"";

  private DeliveryRules() {}

  /**
   * Reads {@code [delivery]} ({@code table} null when the file has none); {@code ca_file} resolves
   * against {@code base}, the config folder, and {@code maildir_root} against {@code dataDir}.
   */
  static DeliveryConfig read(String file, TomlValue.@Nullable Table table, Path base, Path dataDir)
      throws ConfigException {
    DeliveryConfig d = Defaults.delivery();
    TomlValue.Table whole = table != null ? table : new TomlValue.Table("delivery", Map.of(), 0);
    Map<String, TomlValue> keys = new LinkedHashMap<>(whole.entries());
    @Nullable TomlValue policyValue = keys.remove("policy");
    TomlSection s = TomlSection.of(
        file, "[delivery]", new TomlValue.Table(whole.name(), keys, whole.line()), KEYS);

    boolean enabled = s.bool("enabled", d.enabled());
    int port = (int) s.integer("port", d.port(), 1, 65535, "a port number 1-65535");
    @Nullable String heloName = d.heloName();
    if (s.has("helo_name")) {
      heloName = heloName(s);
    }
    @Nullable SmartHost smartHost = d.smartHost();
    if (s.has("smart_host")) {
      String text = s.nonEmptyString("smart_host", "");
      try {
        smartHost = smartHost(text);
      } catch (IllegalArgumentException e) {
        throw s.error("smart_host", e.getMessage());
      }
    }
    @Nullable Path caFile = s.has("ca_file")
        ? ConfigLoader.path(s, "ca_file", Path.of(""), base)
        : d.caFile();
    Duration connectTimeout = s.duration("connect_timeout", d.connectTimeout(), false);
    Duration commandTimeout = s.duration("command_timeout", d.commandTimeout(), false);
    TlsPolicyLevel tls = s.choice("tls", d.tls(), TlsPolicyLevel::fromCode);
    RequireTlsMode requireTls = s.choice("requiretls", d.requireTls(), RequireTlsMode::fromCode);
    Path maildirRoot = ConfigLoader.path(s, "maildir_root", d.maildirRoot(), dataDir);
    boolean doubleBounce =
        s.bool("double_bounce_to_postmaster", d.doubleBounceToPostmaster());
    List<DestinationTlsConfig> policies = policyValue == null
        ? d.policies()
        : policies(file, policyValue, tls, requireTls);
    @Nullable String user = s.has("smart_host_user") ? s.nonEmptyString("smart_host_user", "") : null;
    @Nullable Path passwordFile = s.has("smart_host_password_file")
        ? ConfigLoader.path(s, "smart_host_password_file", Path.of(""), base)
        : null;
    if (user != null && passwordFile == null) {
      throw s.error("smart_host_user", "needs smart_host_password_file (the file holding the password)");
    }
    if (passwordFile != null && user == null) {
      throw s.error("smart_host_password_file", "needs smart_host_user");
    }
    if (user != null && smartHost == null) {
      throw s.error("smart_host_user", "AUTH is only used towards a smart_host, and none is set");
    }
    Duration reuseTime = s.duration("connection_reuse_time", d.connectionReuseTime(), true);
    int maxMessages = s.positiveInt("max_messages_per_connection", d.maxMessagesPerConnection());
    @Nullable InetAddress source = s.has("source_address") ? sourceAddress(s) : d.sourceAddress();
    return new DeliveryConfig(enabled, port, heloName, smartHost, caFile, connectTimeout,
        commandTimeout, tls, requireTls, policies, maildirRoot, doubleBounce, user, passwordFile,
        reuseTime, maxMessages, source);
  }

  /** One IP address of this host to connect from; the wildcard is what leaving it unset means. */
  private static InetAddress sourceAddress(TomlSection s) throws ConfigException {
    String text = s.nonEmptyString("source_address", "");
    if (!text.matches("[0-9a-fA-F:.]+") || !(text.contains(".") || text.contains(":"))) {
      throw s.error("source_address", "expected an IP address of this host such as \"192.0.2.25\", got \""
          + text + "\"");
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      throw s.error("source_address", "not a valid IP address: \"" + text + "\"");
    }
    if (address.isAnyLocalAddress()) {
      throw s.error("source_address", "\"" + text + "\" is the wildcard address; leave source_address "
          + "unset to let the system choose");
    }
    return address;
  }

  private static String heloName(TomlSection s) throws ConfigException {
    String text = s.nonEmptyString("helo_name", "");
    Domain name;
    try {
      name = Domain.of(text);
    } catch (IllegalArgumentException e) {
      throw s.error("helo_name", "not a valid host name: \"" + text + "\"");
    }
    if (name.isAddressLiteral()) {
      throw s.error("helo_name", "expected a host name, got an address literal \"" + text
          + "\" (leave helo_name unset to use server.hostname)");
    }
    return name.name();
  }

  private static List<DestinationTlsConfig> policies(String file, TomlValue value,
      TlsPolicyLevel tls, RequireTlsMode requireTls) throws ConfigException {
    if (!(value instanceof TomlValue.TableArray array)) {
      throw new ConfigException(file, value.line(),
          "policies are written [[delivery.policy]], one such table per destination domain");
    }
    List<DestinationTlsConfig> out = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    for (TomlValue.Table t : array.tables()) {
      TomlSection p = TomlSection.of(file, "[[delivery.policy]]", t, POLICY_KEYS);
      if (!p.has("domain")) {
        throw new ConfigException(file, t.line(),
            "[[delivery.policy]] has no domain (the destination the policy is for)");
      }
      String text = p.nonEmptyString("domain", "");
      Domain domain;
      try {
        domain = destination(text);
      } catch (IllegalArgumentException e) {
        throw p.error("domain", e.getMessage());
      }
      for (int i = 0; i < out.size(); i++) {
        if (out.get(i).domain().equals(domain.name())) {
          String same = text.equals(domain.name()) ? "" : " (that is " + domain.name() + ")";
          throw p.error("domain", "\"" + text + "\"" + same + " already has a policy on line "
              + lines.get(i));
        }
      }
      out.add(new DestinationTlsConfig(domain.name(),
          p.choice("tls", tls, TlsPolicyLevel::fromCode),
          p.choice("requiretls", requireTls, RequireTlsMode::fromCode)));
      lines.add(p.line("domain"));
    }
    return List.copyOf(out);
  }

  /**
   * {@code host}, {@code host:port}, {@code [192.0.2.1]:587} or {@code [IPv6:2001:db8::1]:587} as
   * a {@link SmartHost} (the host as {@link Domain#of} spells it; port 0 when none is given);
   * throws IllegalArgumentException saying what is wrong.
   */
  static SmartHost smartHost(String text) {
    String host = text;
    @Nullable String port = null;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException(
            SMART_HOST_FORMS + ", got \"" + text + "\" (no closing \"]\")");
      }
      host = text.substring(0, close + 1);
      String rest = text.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw new IllegalArgumentException(SMART_HOST_FORMS + ", got \"" + text + "\"");
        }
        port = rest.substring(1);
      }
    } else if (text.indexOf(':') >= 0) {
      if (text.indexOf(':') != text.lastIndexOf(':')) {
        throw new IllegalArgumentException(SMART_HOST_FORMS + ", got \"" + text
            + "\" (write an IPv6 address as \"[IPv6:2001:db8::1]\")");
      }
      host = text.substring(0, text.indexOf(':'));
      port = text.substring(text.indexOf(':') + 1);
    }
    int number = 0;
    if (port != null) {
      if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1
          || Integer.parseInt(port) > 65535) {
        throw new IllegalArgumentException("port \"" + port + "\" in \"" + text
            + "\" is not a number 1-65535");
      }
      number = Integer.parseInt(port);
    }
    Domain domain;
    try {
      domain = destination(host);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          e.getMessage() + (host.equals(text) ? "" : " in \"" + text + "\""), e);
    }
    return new SmartHost(domain, port == null ? 0 : number);
  }

  /**
   * A domain or an RFC 5321 §4.1.3 address literal ({@code [192.0.2.1]}, {@code
   * [IPv6:2001:db8::1]}); a bare IP address is refused.
   */
  static Domain destination(String text) {
    if (text.startsWith("[")) {
      if (!text.endsWith("]") || !addressLiteral(text.substring(1, text.length() - 1))) {
        throw new IllegalArgumentException("not a valid address literal: \"" + text
            + "\" (expected \"[192.0.2.1]\" or \"[IPv6:2001:db8::1]\")");
      }
      return Domain.of(text);
    }
    if (text.matches("[0-9.]+")) {
      // A name of digits only is an IP address (or a typo of one), never a routable domain.
      throw new IllegalArgumentException(
          "an IP address must be written in brackets: \"[" + text + "]\"");
    }
    try {
      return Domain.of(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a valid domain: \"" + text + "\"", e);
    }
  }

  private static boolean addressLiteral(String inner) {
    if (inner.toLowerCase(Locale.ROOT).startsWith("ipv6:")) {
      String v6 = inner.substring("ipv6:".length());
      if (!v6.matches("[0-9a-fA-F:.]+") || !v6.contains(":")) {
        return false;
      }
      try {
        return InetAddress.getByName(v6) instanceof Inet6Address;
      } catch (UnknownHostException e) {
        return false;
      }
    }
    return ipv4(inner);
  }

  private static boolean ipv4(String text) {
    if (!text.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
      return false;
    }
    for (String octet : text.split("\\.")) {
      if (Integer.parseInt(octet) > 255) {
        return false;
      }
    }
    return true;
  }
}
