package org.sealpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.sealpost.config.ListenerKind;
import org.sealpost.smtp.Reply;
import org.sealpost.smtp.client.SmtpClient;

/**
 * A message submitted as an MUA would: {@link SealpostInstance#USER} authenticates on the
 * submission port over verified STARTTLS and sends one message, with or without the REQUIRETLS
 * MAIL parameter (RT-31, RT-33). The body carries {@link #SECRET} so that tests can check a
 * REQUIRETLS bounce returned only the header section (RT-36).
 *
 * @param from the reverse-path, at the sending instance's local domain (bounces come back there)
 * @param to the one recipient
 * @param subject the Subject field, to find the message (or its bounce) again
 */
record Submission(String from, String to, String subject) {

  /** The body line that must never appear in a REQUIRETLS bounce. */
  static final String SECRET = "the body must not leak";

  /** The message's content, CRLF line ends. */
  byte[] content() {
    return ("From: <" + from + ">\r\nTo: <" + to + ">\r\nSubject: " + subject + "\r\n\r\n" + SECRET + "\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** Submits with {@code MAIL FROM:<from> REQUIRETLS}; returns the 250 reply with the queue id. */
  Reply sendRequireTls(SealpostInstance sender) throws IOException {
    return send(sender, List.of("REQUIRETLS"));
  }

  /** Submits untagged: no REQUIRETLS parameter, no TLS-Required field. */
  Reply sendUntagged(SealpostInstance sender) throws IOException {
    return send(sender, List.of());
  }

  private Reply send(SealpostInstance sender, List<String> mailParameters) throws IOException {
    try (SmtpClient c = sender.connectStartTls(ListenerKind.SUBMISSION)) {
      assertThat(c.authPlain(SealpostInstance.USER, SealpostInstance.PASSWORD).code()).isEqualTo(235);
      assertThat(c.mail(from, mailParameters).code()).isEqualTo(250);
      assertThat(c.rcpt(to, List.of()).code()).isEqualTo(250);
      Reply queued = c.data(content());
      assertThat(queued.code()).as("end of data").isEqualTo(250);
      return queued;
    }
  }
}
