package org.sealpost.dns.universe;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.dnssec.ValidatingResolver;

/**
 * A validating recursive resolver in process: dnsjava's validator, anchored at the universe's root,
 * in front of the universe's authoritative server. Secure answers carry AD; bogus ones become
 * SERVFAIL with an Extended DNS Error (RFC 8914), as unbound answers. Stands in for a local
 * validating resolver when testing {@code trust-ad} mode without installing one.
 */
final class ValidatingFront implements AutoCloseable {

  private final ValidatingResolver validator;
  private final DnsServer server;

  ValidatingFront(DnsUniverse universe, InetAddress ip) throws IOException {
    SimpleResolver head = new SimpleResolver(universe.address());
    head.setTimeout(Duration.ofMillis(500));
    this.validator = new ValidatingResolver(new ServfailAsError(head), universe.clock());
    validator.setAddReasonToAdditional(false);
    validator.loadTrustAnchors(
        new ByteArrayInputStream(universe.trustAnchor().getBytes(StandardCharsets.US_ASCII)));
    this.server = new DnsServer(ip, this::handle);
  }

  InetSocketAddress address() {
    return server.address();
  }

  private byte @Nullable [] handle(byte[] wire, boolean udp) {
    Message q;
    try {
      q = new Message(wire);
    } catch (IOException e) {
      return null;
    }
    Message r;
    try {
      Message forward = q.clone();
      r = validator.sendAsync(forward).toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      r = new Message(q.getHeader().getID());
      r.getHeader().setFlag(Flags.QR);
      r.getHeader().setRcode(Rcode.SERVFAIL);
      r.addRecord(q.getQuestion(), Section.QUESTION);
    }
    r.getHeader().setID(q.getHeader().getID());
    r.getHeader().setFlag(Flags.RA);
    r.getHeader().unsetFlag(Flags.AA);
    byte[] out = r.toWire();
    if (udp && out.length > 1232) {
      Message t = new Message(q.getHeader().getID());
      t.getHeader().setFlag(Flags.QR);
      t.getHeader().setFlag(Flags.TC);
      t.addRecord(q.getQuestion(), Section.QUESTION);
      return t.toWire();
    }
    return out;
  }

  @Override
  public void close() {
    server.close();
  }

  /**
   * Turns an upstream SERVFAIL into an error, so the validator answers a plain SERVFAIL (as unbound
   * does when an authority fails) instead of calling the unvalidatable reply bogus.
   */
  private record ServfailAsError(SimpleResolver head) implements org.xbill.DNS.Resolver {
    @Override
    public java.util.concurrent.CompletionStage<Message> sendAsync(
        Message query, java.util.concurrent.Executor executor) {
      return head.sendAsync(query, executor).thenApply(m -> {
        if (m.getRcode() == Rcode.SERVFAIL) {
          throw new java.util.concurrent.CompletionException(new IOException("upstream SERVFAIL"));
        }
        return m;
      });
    }

    @Override
    public void setPort(int port) {
      head.setPort(port);
    }

    @Override
    public void setTCP(boolean flag) {
      head.setTCP(flag);
    }

    @Override
    public void setIgnoreTruncation(boolean flag) {
      head.setIgnoreTruncation(flag);
    }

    @Override
    public void setEDNS(int version, int payloadSize, int flags,
        java.util.List<org.xbill.DNS.EDNSOption> options) {
      head.setEDNS(version, payloadSize, flags, options);
    }

    @Override
    public void setTSIGKey(org.xbill.DNS.TSIG key) {
      head.setTSIGKey(key);
    }

    @Override
    public void setTimeout(Duration timeout) {
      head.setTimeout(timeout);
    }

    @Override
    public Duration getTimeout() {
      return head.getTimeout();
    }
  }
}
