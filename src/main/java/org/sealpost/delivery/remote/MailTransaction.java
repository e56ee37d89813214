package org.sealpost.delivery.remote;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.sealpost.delivery.DeliveryOutcome;
import org.sealpost.delivery.Hop;
import org.sealpost.delivery.OutboundMessage;
import org.sealpost.delivery.RecipientOutcome;
import org.sealpost.delivery.mime.Conversion;
import org.sealpost.delivery.mime.SevenBitConversion;
import org.sealpost.mail.BodyType;
import org.sealpost.mail.EnhancedStatus;
import org.sealpost.mail.Recipient;
import org.sealpost.smtp.Reply;
import org.sealpost.smtp.client.Extensions;
import org.sealpost.smtp.client.SmtpClient;

/**
 * The mail transaction itself, on a hop already judged fit: MAIL, RCPT (pipelined when offered),
 * DATA, with the capability checks of EXT-2/EXT-3/EXT-4 first. One outcome per recipient.
 */
final class MailTransaction {
  private final SmtpClient client;
  private final Extensions ext;
  private OutboundMessage message; // replaced by its 7-bit form for a hop without 8BITMIME
  private final List<Recipient> recipients;
  private final Hop hop;
  private boolean reusable;

  MailTransaction(SmtpClient client, Extensions ext, OutboundMessage message, List<Recipient> recipients, Hop hop) {
    this.client = client;
    this.ext = ext;
    this.message = message;
    this.recipients = recipients;
    this.hop = hop;
  }

  List<RecipientOutcome> run() throws IOException {
    DeliveryOutcome refusal = capabilityRefusal();
    if (refusal != null) {
      HopAttempt.quietly(client);
      return all(refusal);
    }
    List<String> lines = new ArrayList<>();
    lines.add(MailCommands.mail(message.envelope(), message.content().size(), ext, hop.requireTls()));
    for (Recipient r : recipients) {
      lines.add(MailCommands.rcpt(r, ext));
    }
    List<Reply> replies = ext.has("PIPELINING") ? client.pipeline(lines) : sequential(lines);
    Reply mail = replies.getFirst();
    if (!mail.isPositive()) {
      HopAttempt.quietly(client);
      return all(fromReply(mail, "MAIL FROM refused"));
    }
    // One outcome per recipient, by position: RCPT refusals now, the DATA reply for the rest.
    DeliveryOutcome[] outcomes = new DeliveryOutcome[recipients.size()];
    List<Integer> accepted = new ArrayList<>();
    for (int i = 0; i < recipients.size(); i++) {
      Reply rcpt = replies.get(i + 1);
      if (rcpt.isPositive()) {
        accepted.add(i);
      } else {
        outcomes[i] = fromReply(rcpt, "RCPT TO refused");
      }
    }
    int lastCode = 0;
    if (!accepted.isEmpty()) {
      Reply data;
      try (InputStream content = message.content().open()) {
        data = client.data(content);
      }
      lastCode = data.code();
      // DSN-3/DSN-4: with DSN offered, NOTIFY went on and success reports are now the hop's.
      DeliveryOutcome result = data.isPositive()
          ? new DeliveryOutcome.Delivered(status(data, "2.0.0"), data.toString().strip(), "relayed to " + hop.host(),
              hop.withDsnPassedOn(ext.has("DSN")))
          : fromReply(data, "message refused after DATA");
      for (int i : accepted) {
        outcomes[i] = result;
      }
    }
    // MAIL was accepted and every reply read: the session may carry another transaction, unless
    // the server announced it is closing (421, RFC 5321 §3.8).
    reusable = replies.stream().noneMatch(r -> r.code() == 421) && lastCode != 421;
    List<RecipientOutcome> out = new ArrayList<>(recipients.size());
    for (int i = 0; i < recipients.size(); i++) {
      out.add(new RecipientOutcome(recipients.get(i), outcomes[i]));
    }
    return out;
  }

  SmtpClient client() {
    return client;
  }

  /** Whether the session ended this transaction in a state fit for another one. */
  boolean reusable() {
    return reusable;
  }

  private List<Reply> sequential(List<String> lines) throws IOException {
    List<Reply> replies = new ArrayList<>();
    for (String line : lines) {
      Reply r = client.pipeline(List.of(line)).getFirst();
      replies.add(r);
      if (replies.size() == 1 && !r.isPositive()) {
        break;
      }
    }
    return replies;
  }

  /**
   * EXT-2, EXT-3: never raw 8-bit or UTF-8 addresses to a hop that did not offer them. 8-bit
   * content is converted to 7-bit MIME instead when that is possible without breaking it.
   */
  private @Nullable DeliveryOutcome capabilityRefusal() throws IOException {
    var e = message.envelope();
    if (e.smtpUtf8() && !ext.has("SMTPUTF8")) {
      return new DeliveryOutcome.Failed(EnhancedStatus.of("5.6.7"), null,
          "the message needs SMTPUTF8 and " + hop.host() + " does not offer it", hop);
    }
    if (e.body() == BodyType.EIGHT_BIT_MIME && !ext.has("8BITMIME")) {
      switch (SevenBitConversion.convert(message, hop.host())) {
        case Conversion.Converted c -> message = c.message(); // MAIL now goes without BODY=8BITMIME
        case Conversion.Refused r -> {
          return new DeliveryOutcome.Failed(r.status(), null,
              hop.host() + " does not offer 8BITMIME and " + r.reason(), hop);
        }
      }
    }
    long limit = ext.sizeLimit().orElse(0);
    if (limit > 0 && message.content().size() > limit) {
      return new DeliveryOutcome.Failed(EnhancedStatus.of("5.3.4"), null,
          "message size " + message.content().size() + " exceeds " + hop.host() + "'s limit " + limit, hop);
    }
    return null;
  }

  private DeliveryOutcome fromReply(Reply reply, String what) {
    String text = reply.toString().strip();
    if (reply.isTransientFailure()) {
      return new DeliveryOutcome.Deferred(status(reply, "4.0.0"), text, what + " by " + hop.host(), hop);
    }
    return new DeliveryOutcome.Failed(status(reply, "5.0.0"), text, what + " by " + hop.host(), hop);
  }

  private static EnhancedStatus status(Reply reply, String fallback) {
    return reply.status() != null ? reply.status() : EnhancedStatus.of(fallback);
  }

  private List<RecipientOutcome> all(DeliveryOutcome outcome) {
    return recipients.stream().map(r -> new RecipientOutcome(r, outcome)).toList();
  }
}
