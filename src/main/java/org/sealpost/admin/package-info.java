/**
 * Administration endpoints. Today: MTA-STS policy hosting (RFC 8461), so that the domains Sealpost
 * receives mail for can publish a policy from one config block ({@code [mta_sts_policy]}).
 *
 * <p>An MTA-STS domain publishes two things (spec STS-1, STS-2): a TXT record
 * {@code _mta-sts.<domain>} with an {@code id}, and a policy file at
 * {@code https://mta-sts.<domain>/.well-known/mta-sts.txt}. Senders fetch the file again only when
 * the id changes, so the id must change whenever the file does: {@link
 * org.sealpost.admin.StsPolicyDocument} derives it from the file's bytes. {@link
 * org.sealpost.admin.StsPolicyServer} serves the file over HTTPS (JDK {@code HttpsServer}, virtual
 * threads, the SMTP server's reloadable certificate unless the section names its own), and
 * {@link org.sealpost.admin.StsDnsRecords} is what {@code sealpost sts record} prints: the TXT
 * records, with the TLS-RPT record {@code _smtp._tls.<domain>} (RFC 8460 §3, RPT-1) when report
 * addresses are configured.
 */
@NullMarked
package org.sealpost.admin;

import org.jspecify.annotations.NullMarked;
