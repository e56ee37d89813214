package org.sealpost.bench;

import java.util.List;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * What every session of a run does, apart from how many messages it carries.
 *
 * @param target the server, on loopback
 * @param tls plain or STARTTLS
 * @param tlsContext the client context for STARTTLS; null for plain sessions
 * @param requireTls whether MAIL FROM carries REQUIRETLS (RFC 8689 §4.1; needs STARTTLS)
 * @param pipelining group MAIL, RCPT and DATA in one write when the server offers PIPELINING
 *     (RFC 2920), as real clients do; false sends one command per round trip
 * @param messageSize bytes of each message, headers included
 */
record SessionPlan(
    LoopbackTarget target,
    TlsMode tls,
    @Nullable SSLContext tlsContext,
    boolean requireTls,
    boolean pipelining,
    int messageSize) {

  static final String CLIENT_NAME = "client.bench.test";

  SessionPlan {
    if (tls == TlsMode.STARTTLS && tlsContext == null) {
      throw new IllegalArgumentException("STARTTLS needs a TLS context (--trust)");
    }
    if (requireTls && tls != TlsMode.STARTTLS) {
      throw new IllegalArgumentException("REQUIRETLS needs STARTTLS (RFC 8689 §4.1)");
    }
    BenchMessage.wire(Long.MAX_VALUE, messageSize); // refuses a size below the headers now
  }

  List<String> mailParameters() {
    return requireTls ? List.of("REQUIRETLS") : List.of();
  }

  String label() {
    return tls == TlsMode.PLAIN ? "plain" : requireTls ? "starttls+requiretls" : "starttls";
  }
}
