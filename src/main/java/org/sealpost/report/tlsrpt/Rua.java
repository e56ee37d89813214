package org.sealpost.report.tlsrpt;

import java.net.URI;
import org.sealpost.mail.MailAddress;

/** One reporting destination of a TLSRPT record (RFC 8460 §3, {@code rua}). */
sealed interface Rua {

  /** The URI as published, for logs and persisted state. */
  String uri();

  /** RFC 8460 §3: reports by mail (§5.3) to {@code address}. */
  record Mailto(String uri, MailAddress address) implements Rua {}

  /** RFC 8460 §3: reports POSTed to {@code target} (§5.4). */
  record Https(String uri, URI target) implements Rua {}
}
