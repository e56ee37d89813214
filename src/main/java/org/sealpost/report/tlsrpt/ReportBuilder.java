package org.sealpost.report.tlsrpt;

import java.time.format.DateTimeFormatter;
import org.sealpost.mail.Domain;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the JSON report of one policy domain for one UTC day (RFC 8460 §4.4, RPT-2). Keys appear in
 * the RFC's order; {@code policies} and {@code failure-details} are always arrays, even with one or
 * no element; times are RFC 3339 in UTC. Only strings and integers are written, so the output is
 * I-JSON (RFC 7493) by construction.
 *
 * <p>The {@code report-id} is {@code <day>.<policy-domain>@<submitter>}: unique, since one report
 * is made per domain and day, and the same when the same day is built again, so a report sent twice
 * (a retry, RPT-9) or shown by {@code sealpost tlsrpt show} names the same report.
 */
public final class ReportBuilder {

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final String organizationName;
  private final String contactInfo;
  private final String submitter;

  /**
   * @param organizationName {@code organization-name}: who runs this MTA
   * @param contactInfo {@code contact-info}: an address or URI to ask about the report
   * @param submitter our host name, for the report id and the file name
   */
  public ReportBuilder(String organizationName, String contactInfo, String submitter) {
    this.organizationName = organizationName;
    this.contactInfo = contactInfo;
    this.submitter = submitter;
  }

  /** The report of {@code domain}'s sessions in {@code results}; an empty policies array if none. */
  public TlsReport build(DayResults results, Domain domain) {
    String reportId = results.day() + "." + domain.name() + "@" + submitter;
    TlsReport shell = new TlsReport(domain, results.day(), reportId, submitter, "");
    ObjectNode root = JSON.createObjectNode();
    root.put("organization-name", organizationName);
    ObjectNode range = root.putObject("date-range");
    range.put("start-datetime", DateTimeFormatter.ISO_INSTANT.format(shell.begin()));
    range.put("end-datetime", DateTimeFormatter.ISO_INSTANT.format(shell.end()));
    root.put("contact-info", contactInfo);
    root.put("report-id", reportId);
    ArrayNode policies = root.putArray("policies");
    for (PolicyResults p : results.policies(domain)) {
      policies.add(policy(p));
    }
    return new TlsReport(domain, results.day(), reportId, submitter, JSON.writeValueAsString(root) + "\n");
  }

  private static ObjectNode policy(PolicyResults p) {
    ObjectNode element = JSON.createObjectNode();
    ObjectNode policy = element.putObject("policy");
    policy.put("policy-type", p.policy().type().code());
    if (!p.policy().strings().isEmpty()) {
      ArrayNode strings = policy.putArray("policy-string");
      p.policy().strings().forEach(strings::add);
    }
    policy.put("policy-domain", p.policy().domain().name());
    if (p.policy().mxHost() != null) {
      policy.put("mx-host", p.policy().mxHost());
    }
    ObjectNode summary = element.putObject("summary");
    summary.put("total-successful-session-count", p.successfulSessions());
    summary.put("total-failure-session-count", p.failedSessions());
    ArrayNode details = element.putArray("failure-details");
    for (FailureDetail f : p.failures()) {
      ObjectNode d = details.addObject();
      d.put("result-type", f.resultType().code());
      d.put("sending-mta-ip", f.sendingMtaIp());
      d.put("receiving-mx-hostname", f.receivingMxHostname());
      if (f.receivingMxHelo() != null) {
        d.put("receiving-mx-helo", f.receivingMxHelo());
      }
      d.put("receiving-ip", f.receivingIp());
      d.put("failed-session-count", f.failedSessions());
      if (f.additionalInformation() != null) {
        d.put("additional-information", f.additionalInformation());
      }
    }
    return element;
  }
}
