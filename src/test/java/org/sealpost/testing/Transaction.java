package org.sealpost.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.sealpost.smtp.EsmtpParameters;
import org.sealpost.smtp.Reply;

/**
 * One mail transaction whose body the peer received in full (DATA through {@code CRLF.CRLF}, or
 * BDAT through {@code LAST}), whatever it replied to it.
 *
 * @param mailFrom the reverse-path without angle brackets; empty for {@code <>}
 * @param mailParameters the MAIL parameters, e.g. {@code has("REQUIRETLS")} (RT-27, RT-30)
 * @param recipients every RCPT command of the transaction, accepted or not, in order
 * @param wire the body exactly as on the wire: for DATA everything after the 354 reply through the
 *     terminating {@code .CRLF} (still dot-stuffed); for BDAT the chunks' octets one after another
 * @param content the message itself: the DATA body dot-unstuffed without the terminator (RFC 5321
 *     §4.5.2), or the BDAT chunks joined
 * @param chunks the BDAT chunk sizes in order; empty for DATA
 * @param overTls whether TLS was up when the body was received
 * @param replies the peer's replies after the body: one for SMTP, one per accepted recipient for
 *     LMTP
 * @param violations what was wrong with the body (bare line endings, over-long lines); also listed
 *     in the connection's {@link Transcript}
 */
public record Transaction(
    String mailFrom,
    EsmtpParameters mailParameters,
    List<Recipient> recipients,
    byte[] wire,
    byte[] content,
    List<Long> chunks,
    boolean overTls,
    List<Reply> replies,
    List<Violation> violations) {

  public Transaction {
    recipients = List.copyOf(recipients);
    chunks = List.copyOf(chunks);
    replies = List.copyOf(replies);
    violations = List.copyOf(violations);
  }

  /**
   * One RCPT command.
   *
   * @param address the forward-path without angle brackets ({@code postmaster} for the bare form)
   * @param parameters its parameters (NOTIFY, ORCPT, ...)
   * @param reply what the peer answered
   */
  public record Recipient(String address, EsmtpParameters parameters, Reply reply) {}

  /** True when MAIL FROM carried the REQUIRETLS parameter (RFC 8689 §4.2.1 step 7). */
  public boolean requireTls() {
    return mailParameters.has("REQUIRETLS");
  }

  /** The addresses the peer accepted with a 2yz reply, in order. */
  public List<String> acceptedRecipients() {
    return recipients.stream().filter(r -> r.reply().isPositive()).map(Recipient::address).toList();
  }

  /** {@link #content()} as UTF-8 text. */
  public String contentText() {
    return new String(content, StandardCharsets.UTF_8);
  }

  /** True when the body came in BDAT chunks (RFC 3030). */
  public boolean chunked() {
    return !chunks.isEmpty();
  }
}
