package org.sealpost.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sealpost.queue.QueueEntry;
import org.sealpost.smtp.Reply;

/** Message bodies to send and what to check in the spool afterwards. */
final class Messages {

  private static final Pattern QUEUED_AS = Pattern.compile("queued as ([A-Za-z0-9]+)");

  private Messages() {}

  /** A small RFC 5322 message with CRLF line ends. */
  static byte[] simple(String subject) {
    return ("From: <sender@remote.test>\r\n"
        + "To: <bob@" + SealpostInstance.LOCAL_DOMAIN + ">\r\n"
        + "Subject: " + subject + "\r\n"
        + "\r\n"
        + "Hello over a real socket.\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  /** The queue id in {@code 250 2.0.0 Ok: queued as ID}. */
  static String queueId(Reply reply) {
    Matcher m = QUEUED_AS.matcher(reply.text());
    if (reply.code() != 250 || !m.find()) {
      throw new AssertionError("not a queued reply: " + reply);
    }
    return m.group(1);
  }

  /** The spool entry for an accepted message. */
  static QueueEntry entry(List<QueueEntry> queued, Reply accepted) {
    String id = queueId(accepted);
    return queued.stream()
        .filter(e -> e.queueId().value().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("queued message " + id + " is not in the spool"));
  }

  /** The whole stored content (checked against its CRC by the spool while reading). */
  static byte[] content(QueueEntry e) {
    try (InputStream in = e.openContent()) {
      return in.readAllBytes();
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
  }

  /** The first header field of the stored content: the Received field Sealpost prepended. */
  static String receivedField(byte[] content) {
    return new String(content, 0, receivedEnd(content), StandardCharsets.US_ASCII);
  }

  /** The stored content without the Received field Sealpost prepended: what the client sent. */
  static byte[] afterReceived(byte[] content) {
    return Arrays.copyOfRange(content, receivedEnd(content), content.length);
  }

  /** The end of the first field: the first CRLF not followed by folding white space. */
  private static int receivedEnd(byte[] c) {
    if (!new String(c, 0, Math.min(c.length, 9), StandardCharsets.US_ASCII).equals("Received:")) {
      throw new AssertionError("stored content does not start with a Received field");
    }
    for (int i = 0; i + 2 < c.length; i++) {
      if (c[i] == '\r' && c[i + 1] == '\n' && c[i + 2] != ' ' && c[i + 2] != '\t') {
        return i + 2;
      }
    }
    throw new AssertionError("unterminated Received field");
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
