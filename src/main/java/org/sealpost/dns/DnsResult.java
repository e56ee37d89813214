package org.sealpost.dns;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.sealpost.mail.Domain;

/**
 * The typed outcome of one DNS question. Existence outcomes ({@link Answer}, {@link NxDomain},
 * {@link NoData}) carry a {@link Security}; failures ({@link Bogus}, {@link ServFail},
 * {@link Timeout}) carry none, because nothing trustworthy was learnt (RFC 7672 §2.1.1: bogus and
 * indeterminate are lookup errors, never "insecure"). Every variant names the question's name, and
 * existence outcomes also the CNAME-expanded name and the aliases followed to reach it.
 */
public sealed interface DnsResult<T> {

  /** The name that was asked for. */
  Domain name();

  /** True for BOGUS, SERVFAIL and TIMEOUT: the caller must defer, never treat it as "no data". */
  default boolean isFailure() {
    return this instanceof Bogus || this instanceof ServFail || this instanceof Timeout;
  }

  /** Records, or an empty list for every other outcome. */
  default List<T> records() {
    return this instanceof Answer<T> a ? a.values() : List.of();
  }

  /** Short status word for logs and the CLI: NOERROR, NXDOMAIN, NODATA, BOGUS, SERVFAIL, TIMEOUT. */
  String status();

  /** Converts the records; {@code null} results are dropped. Other variants keep their content. */
  <U> DnsResult<U> map(Function<T, @Nullable U> f);

  /** Records exist. {@code aliases} are the CNAME owners followed, in order, to {@code canonicalName}. */
  record Answer<T>(
      Domain name, Domain canonicalName, List<Domain> aliases, List<T> values, Security security)
      implements DnsResult<T> {
    public Answer {
      aliases = List.copyOf(aliases);
      values = List.copyOf(values);
    }

    @Override
    public String status() {
      return "NOERROR";
    }

    @Override
    public <U> DnsResult<U> map(Function<T, @Nullable U> f) {
      List<U> out = new ArrayList<>(values.size());
      for (T v : values) {
        U u = f.apply(v);
        if (u != null) {
          out.add(u);
        }
      }
      return new Answer<>(name, canonicalName, aliases, out, security);
    }
  }

  /** The (CNAME-expanded) name does not exist (RFC 1035 §4.1.1 rcode 3; RFC 6604 for chains). */
  record NxDomain<T>(Domain name, Domain canonicalName, List<Domain> aliases, Security security)
      implements DnsResult<T> {
    public NxDomain {
      aliases = List.copyOf(aliases);
    }

    @Override
    public String status() {
      return "NXDOMAIN";
    }

    @Override
    public <U> DnsResult<U> map(Function<T, @Nullable U> f) {
      return new NxDomain<>(name, canonicalName, aliases, security);
    }
  }

  /** The name exists but has no records of the type asked for (RFC 2308 §2.2). */
  record NoData<T>(Domain name, Domain canonicalName, List<Domain> aliases, Security security)
      implements DnsResult<T> {
    public NoData {
      aliases = List.copyOf(aliases);
    }

    @Override
    public String status() {
      return "NODATA";
    }

    @Override
    public <U> DnsResult<U> map(Function<T, @Nullable U> f) {
      return new NoData<>(name, canonicalName, aliases, security);
    }
  }

  /** DNSSEC validation failed: signatures bad or expired, chain of trust broken (RFC 4035 §4.3). */
  record Bogus<T>(Domain name, String reason) implements DnsResult<T> {
    @Override
    public String status() {
      return "BOGUS";
    }

    @Override
    public <U> DnsResult<U> map(Function<T, @Nullable U> f) {
      return new Bogus<>(name, reason);
    }
  }

  /** The resolver answered with an error (SERVFAIL, REFUSED, ...) or only with garbage. */
  record ServFail<T>(Domain name, String reason) implements DnsResult<T> {
    @Override
    public String status() {
      return "SERVFAIL";
    }

    @Override
    public <U> DnsResult<U> map(Function<T, @Nullable U> f) {
      return new ServFail<>(name, reason);
    }
  }

  /** No server answered within the timeout and retries. */
  record Timeout<T>(Domain name) implements DnsResult<T> {
    @Override
    public String status() {
      return "TIMEOUT";
    }

    @Override
    public <U> DnsResult<U> map(Function<T, @Nullable U> f) {
      return new Timeout<>(name);
    }
  }

  /** The security of an existence outcome, or null for a failure. */
  default @Nullable Security security() {
    return switch (this) {
      case Answer<T> a -> a.security();
      case NxDomain<T> n -> n.security();
      case NoData<T> n -> n.security();
      case Bogus<T> b -> null;
      case ServFail<T> s -> null;
      case Timeout<T> t -> null;
    };
  }

  /** True only for an existence outcome that DNSSEC validated. */
  default boolean isSecure() {
    return security() == Security.SECURE;
  }
}
