package org.sealpost.mail;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything SMTP said about one message besides its content. A {@code null} reverse path is the
 * null sender {@code <>} (RFC 5321 §4.5.5). The TLS requirement and verification floor travel with
 * the message through the queue (RFC 8689 §4.1, RT-19).
 */
public record Envelope(
    QueueId queueId,
    Instant arrival,
    ClientInfo client,
    @Nullable MailAddress reversePath,
    List<Recipient> recipients,
    BodyType body,
    boolean smtpUtf8,
    long declaredSize,
    @Nullable String envId,
    Ret ret,
    TlsRequirement tlsRequirement,
    VerificationFloor verificationFloor) {

  public Envelope {
    recipients = List.copyOf(recipients);
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("an envelope needs at least one recipient");
    }
  }

  public boolean hasNullReversePath() {
    return reversePath == null;
  }
}
