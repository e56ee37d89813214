package org.sealpost.dns;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.TSIG;

/**
 * Presents {@link DnsTransport} to dnsjava's {@code ValidatingResolver} as its head resolver, so the
 * validator's own DNSKEY and DS queries get the same checks, counters and TCP fallback as ours. The
 * transport always sends EDNS0 with DO (set at construction); the setters dnsjava calls are no-ops.
 * Error rcodes and timeouts complete the future exceptionally with a {@link TransportException}.
 */
final class TransportResolver implements Resolver {

  private final DnsTransport transport;

  TransportResolver(DnsTransport transport) {
    this.transport = transport;
  }

  @Override
  public CompletionStage<Message> sendAsync(Message query, Executor executor) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return transport.exchange(query);
          } catch (TransportException e) {
            throw new CompletionException(e);
          }
        },
        executor);
  }

  @Override
  public void setPort(int port) {
    // Servers and ports come from DnsConfig.
  }

  @Override
  public void setTCP(boolean flag) {
    // UDP first, TCP on truncation.
  }

  @Override
  public void setIgnoreTruncation(boolean flag) {
    // Truncation is never ignored.
  }

  @Override
  public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {
    // EDNS0 with DO is always sent.
  }

  @Override
  public void setTSIGKey(TSIG key) {
    throw new UnsupportedOperationException("TSIG is not used");
  }

  @Override
  public void setTimeout(Duration timeout) {
    // The per-query timeout comes from DnsConfig.
  }

  @Override
  public Duration getTimeout() {
    return transport.timeout();
  }
}
