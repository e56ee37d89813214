package org.sealpost.dns;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.dnssec.ValidatingResolver;

/**
 * Mode {@code validate}: dnsjava's {@link ValidatingResolver} checks every answer in process from
 * the trust anchors (RFC 4035 §5), asking the configured servers (a recursive resolver, or an
 * authoritative server for all the zones involved) with CD set. A validation failure comes back as
 * SERVFAIL with a reason record in class {@link ValidatingResolver#VALIDATION_REASON_QCLASS}: that
 * is BOGUS. A failure of our own query to the servers stays SERVFAIL or TIMEOUT.
 */
final class ValidatingUpstream implements Upstream {

  private static final Executor EXECUTOR =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("dns-validate-", 0).factory());

  private final DnsTransport transport;
  private final ValidatingResolver validator;
  private final long deadlineMillis;

  ValidatingUpstream(DnsTransport transport, InputStream trustAnchors, Clock clock)
      throws IOException {
    this.transport = transport;
    this.validator = new ValidatingResolver(new TransportResolver(transport), clock);
    this.validator.loadTrustAnchors(trustAnchors);
    // The validator may chain a dozen DS/DNSKEY queries; cap the whole lookup so nothing hangs.
    long perQuery = transport.timeout().toMillis() * (transport.retries() + 1L)
        * transport.servers().size();
    this.deadlineMillis = perQuery * 16;
  }

  @Override
  public Reply query(Name name, int type) throws TransportException {
    Message q = Message.newQuery(Record.newRecord(name, type, DClass.IN));
    Message r;
    try {
      r = validator.sendAsync(q, EXECUTOR).toCompletableFuture()
          .get(deadlineMillis, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      while (c != null && !(c instanceof TransportException) && c.getCause() != null) {
        c = c.getCause();
      }
      if (c instanceof TransportException te) {
        throw te;
      }
      throw new TransportException(
          TransportException.Kind.SERVER_FAILURE, "validator error: " + e.getCause(), null);
    } catch (TimeoutException e) {
      throw new TransportException(TransportException.Kind.TIMEOUT, "validation timed out", null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException(TransportException.Kind.TIMEOUT, "interrupted", null);
    }
    if (r.getRcode() == Rcode.SERVFAIL) {
      String reason = reason(r);
      if (reason != null) {
        return Reply.bogus(reason);
      }
      throw new TransportException(TransportException.Kind.SERVER_FAILURE, "SERVFAIL", r);
    }
    if (r.getRcode() != Rcode.NOERROR && r.getRcode() != Rcode.NXDOMAIN) {
      throw new TransportException(
          TransportException.Kind.SERVER_FAILURE, Rcode.string(r.getRcode()), r);
    }
    return new Reply(r, r.getHeader().getFlag(Flags.AD) ? Security.SECURE : Security.INSECURE, null);
  }

  private static @org.jspecify.annotations.Nullable String reason(Message r) {
    for (Record rec : r.getSection(Section.ADDITIONAL)) {
      if (rec.getDClass() == ValidatingResolver.VALIDATION_REASON_QCLASS
          && rec instanceof TXTRecord txt) {
        return String.join("", txt.getStrings());
      }
    }
    return null;
  }

  DnsTransport transport() {
    return transport;
  }
}
