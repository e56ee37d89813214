package org.sealpost.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code [[listener]]} tables. When any is present they replace the default three. Names and
 * address/port pairs must be unique (port 0 asks the system for a free port, so it never clashes),
 * and an implicit-TLS listener needs TLS (RFC 8314 §3.3: port 465 speaks TLS from the first byte).
 */
final class ListenerRules {

  static final List<String> KEYS = List.of("name", "kind", "address", "port");

  private ListenerRules() {}

  static List<ListenerConfig> read(String file, TomlValue.TableArray array, TlsConfig tls)
      throws ConfigException {
    List<ListenerConfig> out = new ArrayList<>();
    List<TomlSection> sections = new ArrayList<>();
    for (TomlValue.Table t : array.tables()) {
      TomlSection s = TomlSection.of(file, "[[listener]]", t, KEYS);
      ListenerKind kind = s.choice("kind", ListenerKind.SMTP, ListenerKind::fromCode);
      String name = s.nonEmptyString("name", kind.code());
      String address = s.nonEmptyString("address", "127.0.0.1");
      InetAddress ip = ip(s, address);
      int port = (int) s.integer("port", defaultPort(kind), 0, 65535, "a port number 0-65535");
      for (int i = 0; i < out.size(); i++) {
        ListenerConfig other = out.get(i);
        int otherLine = sections.get(i).line("name");
        if (other.name().equals(name)) {
          throw s.error("name", "\"" + name + "\" is already the name of the listener on line "
              + otherLine);
        }
        if (port != 0 && other.port() == port && overlaps(ip, ip(sections.get(i), other.address()))) {
          throw s.error("port", address + " port " + port + " is already used by listener \""
              + other.name() + "\" on line " + otherLine);
        }
      }
      if (kind.implicitTls() && !tls.enabled()) {
        throw s.error("kind", "listener \"" + name + "\" speaks implicit TLS, but TLS is off "
            + "([tls] has no certificate and self_signed = false)");
      }
      out.add(new ListenerConfig(name, kind, address, port));
      sections.add(s);
    }
    return List.copyOf(out);
  }

  private static int defaultPort(ListenerKind kind) {
    for (ListenerConfig l : Defaults.listeners()) {
      if (l.kind() == kind) {
        return l.port();
      }
    }
    return 0;
  }

  /** Two binds clash on one port when the addresses are equal or either is a wildcard. */
  private static boolean overlaps(InetAddress a, InetAddress b) {
    return a.equals(b) || a.isAnyLocalAddress() || b.isAnyLocalAddress();
  }

  static InetAddress ip(TomlSection s, String address) throws ConfigException {
    if (!address.matches("[0-9a-fA-F:.]+") || !(address.contains(".") || address.contains(":"))) {
      throw s.error("address", "expected an IP address such as \"127.0.0.1\", \"0.0.0.0\" or "
          + "\"::\", got \"" + address + "\"");
    }
    try {
      return InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      throw s.error("address", "not a valid IP address: \"" + address + "\"");
    }
  }
}
