package org.sealpost.delivery.mime;

import org.sealpost.delivery.OutboundMessage;
import org.sealpost.mail.EnhancedStatus;

/** What {@link SevenBitConversion} made of an 8-bit message. */
public sealed interface Conversion {

  /**
   * The message in 7-bit MIME: the converted content, and the envelope with {@code BODY=7BIT}.
   *
   * @param partsEncoded how many leaf parts were re-encoded (0: the content was 7-bit already)
   */
  record Converted(OutboundMessage message, int partsEncoded) implements Conversion {}

  /** Not convertible without breaking or guessing; bounce with this status (5.6.3) and reason. */
  record Refused(EnhancedStatus status, String reason) implements Conversion {}
}
