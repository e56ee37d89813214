package org.sealpost.queue;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGeneratorFactory;
import org.sealpost.mail.BodyType;
import org.sealpost.mail.ClientInfo;
import org.sealpost.mail.Envelope;
import org.sealpost.mail.MailAddress;
import org.sealpost.mail.Notify;
import org.sealpost.mail.OriginalRecipient;
import org.sealpost.mail.QueueId;
import org.sealpost.mail.Recipient;
import org.sealpost.mail.Ret;
import org.sealpost.mail.TlsFacts;
import org.sealpost.mail.TlsRequirement;
import org.sealpost.mail.VerificationFloor;

/** Envelopes for spool tests. */
final class TestEnvelopes {

  static final Instant ARRIVAL = Instant.parse("2025-03-14T09:26:53.589793238Z");

  private TestEnvelopes() {}

  /** The same id for the same {@code n}, every run. */
  static QueueId id(int n) {
    return QueueId.generate(
        ARRIVAL.plusMillis(n), RandomGeneratorFactory.of("L64X128MixRandom").create(n));
  }

  /** A REQUIRETLS submission with every optional field set. */
  static Envelope full(QueueId id) {
    return new Envelope(
        id,
        ARRIVAL,
        new ClientInfo(
            "2001:db8::25",
            50123,
            "client.example.org",
            "submission",
            new TlsFacts("TLSv1.3", "TLS_AES_256_GCM_SHA384"),
            "alice"),
        MailAddress.parse("alice@example.org"),
        List.of(
            new Recipient(
                MailAddress.parse("bob@example.net"),
                Set.of(Notify.FAILURE, Notify.DELAY),
                new OriginalRecipient("rfc822", "Bob@Example.NET")),
            new Recipient(
                MailAddress.parse("jörg@bücher.example"),
                Set.of(Notify.NEVER),
                new OriginalRecipient("utf-8", "jörg@bücher.example")),
            Recipient.of(MailAddress.parse("carol@example.com"))),
        BodyType.EIGHT_BIT_MIME,
        true,
        12345,
        "env-id+2Bfoo",
        Ret.HDRS,
        TlsRequirement.REQUIRE_TLS,
        VerificationFloor.DANE);
  }

  /** A bounce: null reverse path, plaintext client, nothing optional. */
  static Envelope minimal(QueueId id) {
    return new Envelope(
        id,
        ARRIVAL,
        new ClientInfo("192.0.2.7", 25, "mx.example.net", "mx", null, null),
        null,
        List.of(Recipient.of(MailAddress.parse("postmaster@example.org"))),
        BodyType.SEVEN_BIT,
        false,
        0,
        null,
        Ret.NOT_GIVEN,
        TlsRequirement.UNSPECIFIED,
        VerificationFloor.NONE);
  }
}
