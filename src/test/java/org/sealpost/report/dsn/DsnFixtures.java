package org.sealpost.report.dsn;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.sealpost.delivery.DeliveryOutcome;
import org.sealpost.delivery.Hop;
import org.sealpost.delivery.MessageContent;
import org.sealpost.delivery.OutboundMessage;
import org.sealpost.delivery.RecipientOutcome;
import org.sealpost.delivery.TlsLevel;
import org.sealpost.mail.BodyType;
import org.sealpost.mail.ClientInfo;
import org.sealpost.mail.EnhancedStatus;
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

/** Messages, outcomes and a deterministic composer for the DSN tests. */
final class DsnFixtures {

  static final String HOST = "mx.sealpost.example";
  static final Instant ARRIVAL = Instant.parse("2025-03-14T09:26:53Z");
  static final Instant ATTEMPT = Instant.parse("2025-03-14T09:30:00Z");
  static final Instant NOW = Instant.parse("2025-03-14T09:30:01Z");
  static final Instant RETRY_UNTIL = Instant.parse("2025-03-19T09:26:53Z");
  static final QueueId QUEUE_ID = new QueueId("01LQ9ANRDPJLK7TS");

  static final String BODY_MARKER = "The secret body line.";
  static final String CONTENT = """
      Received: from client.example.org ([192.0.2.25])\r
      \tby mx.sealpost.example (Sealpost) with ESMTPS id 01LQ9ANRDPJLK7TS; Fri, 14 Mar 2025 09:26:53 +0000\r
      From: Alice <alice@example.org>\r
      To: Bob <bob@example.net>\r
      Subject: Quarterly figures\r
      Message-ID: <m1@example.org>\r
      \r
      Hello Bob,\r
      \r
      %s\r
      """.formatted(BODY_MARKER);

  static final Hop HOP = new Hop("mx1.example.net", "192.0.2.7", 25, TlsLevel.DANE, true);

  private DsnFixtures() {}

  /** Tokens t1, t2, ... so that boundaries and Message-IDs are fixed. */
  static DsnTokens tokens() {
    int[] n = {0};
    return () -> "t" + ++n[0];
  }

  static DsnComposer composer() {
    return new DsnComposer(HOST, InstantSource.fixed(NOW), tokens());
  }

  static MessageContent content(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return MessageContent.of(bytes);
  }

  static Recipient recipient(String address, Set<Notify> notify, @Nullable OriginalRecipient orcpt) {
    return new Recipient(MailAddress.parse(address), notify, orcpt);
  }

  static Envelope envelope(
      @Nullable String sender, List<Recipient> recipients, Ret ret, TlsRequirement tls, boolean smtpUtf8,
      @Nullable String envId) {
    return new Envelope(
        QUEUE_ID,
        ARRIVAL,
        new ClientInfo("192.0.2.25", 50123, "client.example.org", "submission",
            new TlsFacts("TLSv1.3", "TLS_AES_256_GCM_SHA384"), "alice"),
        sender == null ? null : MailAddress.parse(sender),
        recipients,
        smtpUtf8 ? BodyType.EIGHT_BIT_MIME : BodyType.SEVEN_BIT,
        smtpUtf8,
        CONTENT.length(),
        envId,
        ret,
        tls,
        VerificationFloor.NONE);
  }

  /** The same envelope as received on port 25 from a peer that did not authenticate (SEC-10). */
  static Envelope unauthenticated(Envelope e) {
    return new Envelope(e.queueId(), e.arrival(),
        new ClientInfo("198.51.100.9", 41000, "relay.example.com", "smtp", null, null),
        e.reversePath(), e.recipients(), e.body(), e.smtpUtf8(), e.declaredSize(), e.envId(), e.ret(),
        e.tlsRequirement(), e.verificationFloor());
  }

  static OutboundMessage message(Envelope envelope) {
    return new OutboundMessage(envelope, content(CONTENT));
  }

  static DeliveryOutcome failed(String status, @Nullable String reply, String reason, @Nullable Hop hop) {
    return new DeliveryOutcome.Failed(EnhancedStatus.of(status), reply, reason, hop);
  }

  static DeliveryOutcome deferred(String status, @Nullable String reply, String reason, @Nullable Hop hop) {
    return new DeliveryOutcome.Deferred(EnhancedStatus.of(status), reply, reason, hop);
  }

  static DeliveryOutcome delivered(@Nullable Hop hop) {
    return new DeliveryOutcome.Delivered(EnhancedStatus.of("2.0.0"), hop == null ? null : "250 2.0.0 Ok: queued as 4BX2K7",
        hop == null ? "delivered to mailbox bob" : "accepted by the next hop", hop);
  }

  static RecipientOutcome outcome(Recipient r, DeliveryOutcome o) {
    return new RecipientOutcome(r, o);
  }

  static String compose(DsnComposer composer, DsnReport report) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    composer.compose(report, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  static String composeRedacted(DsnComposer composer, DsnReport report) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    composer.composeRedacted(report, out);
    return out.toString(StandardCharsets.UTF_8);
  }
}
