package org.sealpost.delivery;

import org.sealpost.mail.Domain;

/**
 * Where a recipient goes. Recipients of one message with equal destinations share one attempt
 * (one SMTP transaction for a remote domain).
 */
public sealed interface Destination {

  /** A mailbox on this host ({@code [local] domains}). */
  record Local(String mailbox) implements Destination {}

  /** A remote domain, reached through its MX hosts (RFC 5321 §5.1). */
  record Remote(Domain domain) implements Destination {}

  /** Every remote recipient through a configured smart host. */
  record SmartHost(String host, int port) implements Destination {}

  /** A key for grouping and per-destination concurrency limits, e.g. {@code remote:example.org}. */
  default String key() {
    return switch (this) {
      case Local l -> "local";
      case Remote r -> "remote:" + r.domain().name();
      case SmartHost s -> "relay:" + s.host() + ":" + s.port();
    };
  }
}
