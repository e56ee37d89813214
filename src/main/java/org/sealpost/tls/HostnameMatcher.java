package org.sealpost.tls;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.sealpost.mail.Domain;

/**
 * Does a server certificate name a host? RFC 6125 as RFC 7672 §3.2.3 narrows it for SMTP (DANE-11,
 * RT-22): DNS-ID subjectAltNames when there are any, else the subject CN; a wildcard only as the
 * whole left-most label, matching exactly one label. Used for SMTP hops (PKIX and DANE-TA) and,
 * DNS-IDs only, for MTA-STS policy hosts (RFC 8461 §3.3, STS-4).
 */
public final class HostnameMatcher {

  private static final int DNS_NAME = 2;

  private HostnameMatcher() {}

  /** DNS-IDs, or the CN-ID when the certificate has no DNS-ID (RFC 7672 §3.2.3). */
  public static boolean matches(X509Certificate certificate, Domain host) {
    List<String> ids = dnsIds(certificate);
    if (ids.isEmpty()) {
      ids = commonNames(certificate);
    }
    for (String id : ids) {
      if (matches(id, host.name())) {
        return true;
      }
    }
    return false;
  }

  /** DNS-IDs only, never the CN (RFC 8461 §3.3 for the MTA-STS policy host). */
  public static boolean matchesDnsId(X509Certificate certificate, Domain host) {
    return dnsIds(certificate).stream().anyMatch(id -> matches(id, host.name()));
  }

  /** One presented identifier against a lower-case host name. */
  public static boolean matches(String identifier, String host) {
    String id = identifier.toLowerCase(Locale.ROOT);
    if (id.endsWith(".")) {
      id = id.substring(0, id.length() - 1);
    }
    if (id.startsWith("*.")) {
      String suffix = id.substring(1);
      if (suffix.indexOf('*') >= 0 || !host.endsWith(suffix)) {
        return false;
      }
      String first = host.substring(0, host.length() - suffix.length());
      return !first.isEmpty() && first.indexOf('.') < 0;
    }
    return id.indexOf('*') < 0 && id.equals(host);
  }

  private static List<String> dnsIds(X509Certificate certificate) {
    List<String> out = new ArrayList<>();
    try {
      Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          if (san.size() >= 2 && san.get(0) instanceof Integer type && type == DNS_NAME
              && san.get(1) instanceof String name) {
            out.add(name);
          }
        }
      }
    } catch (CertificateParsingException e) {
      return List.of();
    }
    return out;
  }

  private static List<String> commonNames(X509Certificate certificate) {
    List<String> out = new ArrayList<>();
    try {
      for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          out.add(String.valueOf(rdn.getValue()));
        }
      }
    } catch (InvalidNameException e) {
      return List.of();
    }
    return out;
  }
}
