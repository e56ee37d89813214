package org.sealpost.delivery.mime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.sealpost.delivery.MessageContent;
import org.sealpost.delivery.OutboundMessage;
import org.sealpost.mail.BodyType;
import org.sealpost.mail.EnhancedStatus;
import org.sealpost.mail.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts an 8BITMIME message to 7-bit MIME for a hop without 8BITMIME (RFC 6152 §3, EXT-2), or
 * says why it cannot ({@code 5.6.3}, RFC 3463 "conversion required but not supported"). The rules
 * and the signature decision are in the package doc.
 *
 * <p>Not streaming: the content is read into memory, converted into a second array, and the
 * result kept in memory for the attempt. Hence the cap {@link #MAX_SIZE}; a larger 8-bit message
 * to such a hop bounces. Hosts without 8BITMIME are rare, so the simple form is the right trade.
 */
public final class SevenBitConversion {

  private static final Logger log = LoggerFactory.getLogger(SevenBitConversion.class);

  /** The largest content converted in memory (32 MiB); larger ones are refused. */
  public static final long MAX_SIZE = 32L << 20;

  private static final EnhancedStatus CONVERSION_NOT_SUPPORTED = EnhancedStatus.of("5.6.3");

  private SevenBitConversion() {}

  /**
   * The message converted to 7-bit MIME, its envelope saying {@code BODY=7BIT} (so MAIL carries no
   * BODY parameter), or the refusal to bounce with.
   *
   * @param host the next hop's name, for the log line
   */
  public static Conversion convert(OutboundMessage message, String host) throws IOException {
    return convert(message, host, MAX_SIZE);
  }

  static Conversion convert(OutboundMessage message, String host, long maxSize) throws IOException {
    Envelope e = message.envelope();
    long size = message.content().size();
    if (size > maxSize) {
      return refused(e, host, "the 8-bit message (" + size + " octets) is larger than the "
          + maxSize + " octets converted to 7-bit");
    }
    byte[] content;
    try (InputStream in = message.content().open()) {
      content = in.readAllBytes();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + content.length / 3 + 64);
    EntityConverter converter = new EntityConverter(content, out);
    try {
      converter.message(0, content.length, 0);
    } catch (Unconvertible u) {
      return refused(e, host, u.getMessage());
    }
    byte[] converted = out.toByteArray();
    log.info("{}: converted to 7bit relay={} parts={} size={}->{}",
        e.queueId(), host, converter.partsEncoded(), content.length, converted.length);
    return new Conversion.Converted(
        new OutboundMessage(sevenBit(e), MessageContent.of(converted)), converter.partsEncoded());
  }

  private static Conversion refused(Envelope e, String host, String why) {
    log.info("{}: no 7bit conversion relay={} reason=\"{}\"", e.queueId(), host, why);
    return new Conversion.Refused(CONVERSION_NOT_SUPPORTED, why);
  }

  /** The same envelope declaring {@code BODY=7BIT}. */
  static Envelope sevenBit(Envelope e) {
    return new Envelope(e.queueId(), e.arrival(), e.client(), e.reversePath(), e.recipients(),
        BodyType.SEVEN_BIT, e.smtpUtf8(), e.declaredSize(), e.envId(), e.ret(), e.tlsRequirement(),
        e.verificationFloor());
  }

  static boolean hasEightBit(byte[] b, int start, int end) {
    for (int i = start; i < end; i++) {
      if (b[i] < 0) {
        return true;
      }
    }
    return false;
  }
}
