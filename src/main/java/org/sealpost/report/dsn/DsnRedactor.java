package org.sealpost.report.dsn;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sealpost.delivery.MessageContent;
import org.sealpost.delivery.OutboundMessage;
import org.sealpost.mail.BodyType;
import org.sealpost.mail.Envelope;
import org.sealpost.mail.TlsRequirement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RT-38(a) hook for remote delivery: when a DSN this host generated about a REQUIRETLS message
 * finds no route that meets RFC 8689 §4.2.1 (RT-21..RT-23), remote delivery sends the redacted DSN
 * from {@link #redact} instead, without the REQUIRETLS parameter. The redacted DSN keeps the text
 * and {@code message/delivery-status} parts, drops the original's header section, and its text says
 * that it was redacted and why (SEC-13). It is derived from the queued DSN alone, because the
 * original message may be gone from the queue by then.
 */
public final class DsnRedactor {

  private static final Logger log = LoggerFactory.getLogger(DsnRedactor.class);

  /** A REQUIRETLS DSN returns headers only (RT-36), so ours are small; anything bigger is not ours. */
  private static final int MAX_DSN = 4 << 20;

  private static final Pattern BOUNDARY = Pattern.compile("boundary=\"([^\"\\r\\n]{1,70})\"", Pattern.CASE_INSENSITIVE);

  private final String hostname;
  private final DsnTokens tokens;

  public DsnRedactor(String hostname) {
    this(hostname, DsnTokens.random());
  }

  DsnRedactor(String hostname, DsnTokens tokens) {
    this.hostname = MimeText.clean(hostname, false);
    this.tokens = tokens;
  }

  /**
   * True for a DSN that Sealpost generated about a REQUIRETLS message: null reverse path, queued by
   * the {@link Bouncer} (listener {@value Bouncer#LISTENER}), tagged REQUIRETLS. Someone else's
   * {@code MAIL FROM:<> REQUIRETLS} message is relayed unchanged instead (RT-38(b)).
   */
  public static boolean applies(Envelope envelope) {
    return envelope.hasNullReversePath()
        && envelope.tlsRequirement() == TlsRequirement.REQUIRE_TLS
        && Bouncer.LISTENER.equals(envelope.client().listener())
        && envelope.client().tls() == null;
  }

  /**
   * The redacted form of one of our queued DSNs, with the same queue id and envelope except that it
   * no longer requires TLS: send it without REQUIRETLS. Throws when the message is not a DSN this
   * host composed.
   */
  public OutboundMessage redact(OutboundMessage dsn) throws IOException {
    if (!applies(dsn.envelope())) {
      throw new IllegalArgumentException(dsn.envelope().queueId() + " is not a REQUIRETLS DSN of this host");
    }
    byte[] content;
    try (InputStream in = dsn.content().open()) {
      content = in.readNBytes(MAX_DSN + 1);
    }
    if (content.length > MAX_DSN) {
      throw new IOException(dsn.envelope().queueId() + ": DSN too large to be one of ours");
    }
    byte[] redacted = redact(content);
    Envelope e = dsn.envelope();
    Envelope plain = new Envelope(e.queueId(), e.arrival(), e.client(), null, e.recipients(),
        MimeText.hasEightBit(redacted) ? BodyType.EIGHT_BIT_MIME : BodyType.SEVEN_BIT, e.smtpUtf8(),
        redacted.length, null, e.ret(), TlsRequirement.UNSPECIFIED, e.verificationFloor());
    log.info("{}: dsn redacted (RT-38a) to=<{}> requiretls=no reason=\"no route met REQUIRETLS\"",
        e.queueId(), e.recipients().getFirst().address());
    return new OutboundMessage(plain, MessageContent.of(redacted));
  }

  byte[] redact(byte[] dsn) throws IOException {
    String text = new String(dsn, StandardCharsets.UTF_8);
    int bodyAt = text.indexOf("\r\n\r\n");
    if (bodyAt < 0) {
      throw notOurs("no header section");
    }
    List<String> fields = fields(text.substring(0, bodyAt + 2));
    String boundary = null;
    for (String f : fields) {
      if (f.regionMatches(true, 0, "Content-Type:", 0, 13) && f.toLowerCase(Locale.ROOT).contains("multipart/report")) {
        Matcher m = BOUNDARY.matcher(f.replace("\r\n", ""));
        if (m.find()) {
          boundary = m.group(1);
        }
      }
    }
    if (boundary == null) {
      throw notOurs("not multipart/report");
    }
    String delimiter = "\r\n--" + boundary;
    String body = text.substring(bodyAt + 2); // keep the CRLF before the first delimiter
    List<String> parts = new ArrayList<>();
    int at = body.indexOf(delimiter);
    while (at >= 0) {
      int start = body.indexOf("\r\n", at + delimiter.length());
      if (start < 0 || body.startsWith("--", at + delimiter.length())) {
        break; // the close delimiter
      }
      int next = body.indexOf(delimiter, start);
      if (next < 0) {
        throw notOurs("unterminated part");
      }
      parts.add(body.substring(start + 2, next));
      at = next;
    }
    if (parts.size() < 2) {
      throw notOurs("fewer than two parts");
    }
    String notice = parts.get(0);
    int last = notice.lastIndexOf("\r\n\r\n", notice.length() - 3);
    if (last < 0 || notice.indexOf("\r\n\r\n") == last) {
      throw notOurs("unexpected text part");
    }
    // The last paragraph names the returned content; replace it with the redaction notice.
    String newNotice = notice.substring(0, last + 4)
        + MimeText.wrap("", HumanReadablePart.REDACTION_NOTICE, "", 76);
    String kept = newNotice + delimiter + "\r\n" + parts.get(1);
    boolean eightBit = MimeText.hasEightBit(kept.getBytes(StandardCharsets.UTF_8));

    StringBuilder out = new StringBuilder(text.length());
    for (String f : fields) {
      String name = f.substring(0, f.indexOf(':')).strip().toLowerCase(Locale.ROOT);
      switch (name) {
        case "message-id" -> out.append(MimeText.field("Message-ID", "<" + tokens.next() + "@" + hostname + ">"));
        case "content-transfer-encoding" -> { }
        case "content-type" -> {
          out.append(f);
          if (eightBit) {
            out.append(MimeText.field("Content-Transfer-Encoding", "8bit"));
          }
        }
        default -> out.append(f);
      }
    }
    out.append(body, 0, body.indexOf(delimiter));
    out.append(delimiter).append("\r\n").append(kept);
    out.append(delimiter).append("--\r\n");
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Header fields with their folded continuation lines, each ending in CRLF. */
  private static List<String> fields(String section) {
    List<String> fields = new ArrayList<>();
    for (String line : section.split("(?<=\r\n)")) {
      if ((line.startsWith(" ") || line.startsWith("\t")) && !fields.isEmpty()) {
        fields.set(fields.size() - 1, fields.getLast() + line);
      } else if (line.indexOf(':') > 0) {
        fields.add(line);
      }
    }
    return fields;
  }

  private static IOException notOurs(String why) {
    return new IOException("not a DSN composed by Sealpost: " + why);
  }
}
