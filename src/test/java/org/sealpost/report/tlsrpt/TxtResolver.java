package org.sealpost.report.tlsrpt;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sealpost.config.DnsMode;
import org.sealpost.dns.DnsResult;
import org.sealpost.dns.MxRecord;
import org.sealpost.dns.Resolver;
import org.sealpost.dns.Security;
import org.sealpost.dns.TlsaRecord;
import org.sealpost.mail.Domain;

/** A resolver that knows only TXT records (or a SERVFAIL), and counts the questions. */
final class TxtResolver implements Resolver {

  private final Map<Domain, List<String>> txt = new HashMap<>();
  private final Map<Domain, Boolean> failing = new HashMap<>();
  int questions;

  TxtResolver txt(String name, String... records) {
    txt.put(Domain.of(name), List.of(records));
    return this;
  }

  TxtResolver servfail(String name) {
    failing.put(Domain.of(name), true);
    return this;
  }

  @Override
  public synchronized DnsResult<String> txt(Domain name) {
    questions++;
    if (failing.containsKey(name)) {
      return new DnsResult.ServFail<>(name, "test");
    }
    List<String> records = txt.get(name);
    return records == null
        ? new DnsResult.NxDomain<>(name, name, List.of(), Security.INSECURE)
        : new DnsResult.Answer<>(name, name, List.of(), records, Security.INSECURE);
  }

  @Override
  public DnsResult<MxRecord> mx(Domain name) {
    throw new AssertionError("MX not expected");
  }

  @Override
  public DnsResult<InetAddress> a(Domain name) {
    throw new AssertionError("A not expected");
  }

  @Override
  public DnsResult<InetAddress> aaaa(Domain name) {
    throw new AssertionError("AAAA not expected");
  }

  @Override
  public DnsResult<TlsaRecord> tlsa(Domain name) {
    throw new AssertionError("TLSA not expected");
  }

  @Override
  public DnsResult<Domain> cname(Domain name) {
    throw new AssertionError("CNAME not expected");
  }

  @Override
  public DnsMode mode() {
    return DnsMode.OFF;
  }
}
