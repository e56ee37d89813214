package org.sealpost.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.sealpost.smtp.Reply;
import org.sealpost.tls.KeyMaterial;

/**
 * The peer's configuration as one connection sees it: {@link FakeSmtpPeer} replaces the whole value
 * on every change, and each connection takes the value current when it was accepted, so a change
 * between connections never reaches into one in progress.
 *
 * @param ehloBeforeTls explicit extension lines, or null for the defaults
 * @param ehloAfterTls explicit extension lines, or null for the defaults
 */
record Settings(
    String hostname,
    @Nullable Reply greeting,
    @Nullable List<String> ehloBeforeTls,
    @Nullable List<String> ehloAfterTls,
    @Nullable KeyMaterial certificate,
    StartTlsBehaviour startTls,
    boolean requireStartTls,
    Dialect dialect,
    Duration readTimeout) {

  static Settings defaults() {
    return new Settings("mx.fake.test", null, null, null, null, StartTlsBehaviour.NORMAL, false,
        Dialect.ESMTP, Duration.ofSeconds(30));
  }

  Reply greetingReply() {
    if (greeting != null) {
      return greeting;
    }
    String kind = dialect == Dialect.LMTP ? "LMTP" : dialect == Dialect.HELO_ONLY ? "SMTP" : "ESMTP";
    return Reply.of(220, hostname + " " + kind + " FakeSmtpPeer");
  }

  /** The EHLO/LHLO extension lines to offer, before or inside TLS. */
  List<String> extensions(boolean tls) {
    List<String> explicit = tls ? ehloAfterTls : ehloBeforeTls;
    if (explicit != null) {
      return explicit;
    }
    List<String> lines = new ArrayList<>(FakeSmtpPeer.STANDARD_EXTENSIONS);
    if (!tls && certificate != null) {
      lines.add("STARTTLS");
    }
    if (tls) {
      lines.add("REQUIRETLS"); // RFC 8689 §2: offered only inside TLS
    }
    return List.copyOf(lines);
  }

  Settings withHostname(String v) {
    return new Settings(v, greeting, ehloBeforeTls, ehloAfterTls, certificate, startTls,
        requireStartTls, dialect, readTimeout);
  }

  Settings withGreeting(Reply v) {
    return new Settings(hostname, v, ehloBeforeTls, ehloAfterTls, certificate, startTls,
        requireStartTls, dialect, readTimeout);
  }

  Settings withEhloBeforeTls(List<String> v) {
    return new Settings(hostname, greeting, List.copyOf(v), ehloAfterTls, certificate, startTls,
        requireStartTls, dialect, readTimeout);
  }

  Settings withEhloAfterTls(List<String> v) {
    return new Settings(hostname, greeting, ehloBeforeTls, List.copyOf(v), certificate, startTls,
        requireStartTls, dialect, readTimeout);
  }

  Settings withCertificate(KeyMaterial v) {
    return new Settings(hostname, greeting, ehloBeforeTls, ehloAfterTls, v, startTls,
        requireStartTls, dialect, readTimeout);
  }

  Settings withStartTls(StartTlsBehaviour v) {
    return new Settings(hostname, greeting, ehloBeforeTls, ehloAfterTls, certificate, v,
        requireStartTls, dialect, readTimeout);
  }

  Settings withRequireStartTls(boolean v) {
    return new Settings(hostname, greeting, ehloBeforeTls, ehloAfterTls, certificate, startTls, v,
        dialect, readTimeout);
  }

  Settings withDialect(Dialect v) {
    return new Settings(hostname, greeting, ehloBeforeTls, ehloAfterTls, certificate, startTls,
        requireStartTls, v, readTimeout);
  }

  Settings withReadTimeout(Duration v) {
    return new Settings(hostname, greeting, ehloBeforeTls, ehloAfterTls, certificate, startTls,
        requireStartTls, dialect, v);
  }
}
