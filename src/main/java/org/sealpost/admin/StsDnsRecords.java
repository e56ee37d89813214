package org.sealpost.admin;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.sealpost.config.MtaStsPolicyConfig;
import org.sealpost.mail.Domain;

/**
 * What an operator publishes so that senders find one domain's MTA-STS policy: the
 * {@code _mta-sts} TXT record with the policy id (RFC 8461 §3.1, STS-1), the policy URL and the
 * host name its certificate must carry (§3.2-3.3, STS-2, STS-4), and, when report addresses are
 * configured, the {@code _smtp._tls} TXT record (RFC 8460 §3, RPT-1).
 *
 * @param domain the policy domain
 * @param document the policy served for it
 * @param reportUris the TLS-RPT {@code rua} URIs; empty: no TLS-RPT record
 */
public record StsDnsRecords(Domain domain, StsPolicyDocument document, List<URI> reportUris) {

  /** RFC 1035 §3.3: one character-string of a TXT record holds at most 255 octets. */
  static final int TXT_STRING_MAX = 255;

  public StsDnsRecords {
    reportUris = List.copyOf(reportUris);
  }

  /**
   * The records for {@code domain} under {@code config}; empty when {@code domain} is not one of
   * its {@code domains}, since Sealpost would not serve the policy for it.
   */
  public static Optional<StsDnsRecords> of(MtaStsPolicyConfig config, Domain domain) {
    if (!config.domains().contains(domain)) {
      return Optional.empty();
    }
    return Optional.of(new StsDnsRecords(domain, StsPolicyDocument.of(config), config.tlsrptRua()));
  }

  /** {@code mta-sts.<domain>}: the HTTPS host, and the DNS-ID its certificate needs (STS-4). */
  public String policyHost() {
    return StsPolicyResponder.policyHost(domain);
  }

  /** STS-2: where senders fetch the policy (always port 443). */
  public String policyUrl() {
    return "https://" + policyHost() + StsPolicyResponder.PATH;
  }

  /** STS-1, as a zone-file line. */
  public String mtaStsRecord() {
    return "_mta-sts." + domain.name() + ". IN TXT " + txtData("v=STSv1; id=" + document.id());
  }

  /** RPT-1, as a zone-file line; empty when no report URI is configured. */
  public Optional<String> tlsRptRecord() {
    if (reportUris.isEmpty()) {
      return Optional.empty();
    }
    String rua = reportUris.stream().map(URI::toString).collect(Collectors.joining(","));
    return Optional.of("_smtp._tls." + domain.name() + ". IN TXT " + txtData("v=TLSRPTv1; rua=" + rua));
  }

  /**
   * The record's data as quoted character-strings of at most 255 octets each; readers join them
   * without adding anything (STS-1, RPT-1), so a long {@code rua} list can be split anywhere. The
   * text is ASCII without quotes or backslashes (the config checks the URIs), so nothing needs an
   * escape.
   */
  static String txtData(String value) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < value.length(); i += TXT_STRING_MAX) {
      parts.add("\"" + value.substring(i, Math.min(value.length(), i + TXT_STRING_MAX)) + "\"");
    }
    return String.join(" ", parts);
  }
}
