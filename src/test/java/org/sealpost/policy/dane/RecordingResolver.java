package org.sealpost.policy.dane;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.sealpost.config.DnsMode;
import org.sealpost.dns.DnsResult;
import org.sealpost.dns.MxRecord;
import org.sealpost.dns.Resolver;
import org.sealpost.dns.TlsaRecord;
import org.sealpost.mail.Domain;

/**
 * A real resolver that remembers the TLSA questions asked through it, so tests can prove that a
 * question was not asked (DANE-4) and in which order candidate base domains were tried (DANE-5).
 */
final class RecordingResolver implements Resolver {

  private final Resolver delegate;
  private final List<Domain> tlsaQuestions = new CopyOnWriteArrayList<>();

  RecordingResolver(Resolver delegate) {
    this.delegate = delegate;
  }

  List<Domain> tlsaQuestions() {
    return List.copyOf(tlsaQuestions);
  }

  @Override
  public DnsResult<TlsaRecord> tlsa(Domain name) {
    tlsaQuestions.add(name);
    return delegate.tlsa(name);
  }

  @Override
  public DnsResult<MxRecord> mx(Domain name) {
    return delegate.mx(name);
  }

  @Override
  public DnsResult<InetAddress> a(Domain name) {
    return delegate.a(name);
  }

  @Override
  public DnsResult<InetAddress> aaaa(Domain name) {
    return delegate.aaaa(name);
  }

  @Override
  public DnsResult<String> txt(Domain name) {
    return delegate.txt(name);
  }

  @Override
  public DnsResult<Domain> cname(Domain name) {
    return delegate.cname(name);
  }

  @Override
  public DnsMode mode() {
    return delegate.mode();
  }
}
