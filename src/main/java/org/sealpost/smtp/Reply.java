package org.sealpost.smtp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.sealpost.mail.EnhancedStatus;

/**
 * One SMTP reply: a three-digit code, an optional enhanced status code (RFC 3463, announced with
 * ENHANCEDSTATUSCODES, RFC 2034) and one or more lines of text.
 *
 * <p>Text must be safe to show the peer: no control characters. Text built from client input goes
 * through {@link #safeText(String)} first; the constructor refuses anything else, because a CR or LF
 * in a reply would let a client forge further replies.
 *
 * <p>{@link #toWire()} gives the bytes to send: {@code 250-first}, ..., {@code 250 last}, each line
 * ending in CRLF, and the enhanced code at the start of the text of every line (RFC 2034 §3). Per RFC
 * 2034 the greeting and the EHLO reply carry no enhanced code: build them with {@link #of(int,
 * String)} or {@link #multiline(int, List)}.
 *
 * @param code 200..599 (RFC 5321 §4.2); 1yz is never used by SMTP
 * @param status enhanced status, whose class must match the first digit of the code, or null
 * @param lines at least one line of text (a line may be empty)
 */
public record Reply(int code, @Nullable EnhancedStatus status, List<String> lines) {

  public Reply {
    if (code < 200 || code > 599) {
      throw new IllegalArgumentException("reply code out of range: " + code);
    }
    if (status != null && status.statusClass() != code / 100) {
      throw new IllegalArgumentException("enhanced status " + status + " does not match " + code);
    }
    lines = List.copyOf(lines);
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("a reply needs at least one line");
    }
    for (String line : lines) {
      for (int i = 0; i < line.length(); i++) {
        if (isControl(line.charAt(i))) {
          throw new IllegalArgumentException("control character in reply text");
        }
      }
    }
  }

  /** A reply without an enhanced code (greeting, EHLO/HELO, or a server without the extension). */
  public static Reply of(int code, String text) {
    return new Reply(code, null, List.of(text));
  }

  /** A reply with an enhanced code, e.g. {@code Reply.of(550, "5.7.1", "Relaying denied")}. */
  public static Reply of(int code, String status, String text) {
    return new Reply(code, EnhancedStatus.of(status), List.of(text));
  }

  /** A reply with an enhanced code. */
  public static Reply of(int code, EnhancedStatus status, String text) {
    return new Reply(code, status, List.of(text));
  }

  /** {@code 250} with an enhanced code, e.g. {@code Reply.ok("2.1.0", "Sender ok")}. */
  public static Reply ok(String status, String text) {
    return of(250, status, text);
  }

  /**
   * A refusal, e.g. {@code Reply.reject(530, "5.7.10", "REQUIRETLS needs a TLS session")}.
   *
   * @throws IllegalArgumentException unless the code is 4yz or 5yz
   */
  public static Reply reject(int code, String status, String text) {
    if (code < 400) {
      throw new IllegalArgumentException("a refusal needs a 4yz or 5yz code: " + code);
    }
    return of(code, status, text);
  }

  /** A multi-line reply without enhanced code, e.g. the EHLO reply (first line: the greeting). */
  public static Reply multiline(int code, List<String> lines) {
    return new Reply(code, null, lines);
  }

  /**
   * Makes text safe for a reply: control characters (C0, DEL, C1) become {@code ?}, and the result
   * is cut at {@code maxChars} characters. Use it for anything a client sent that is echoed back.
   */
  public static String safeText(String text, int maxChars) {
    StringBuilder sb = new StringBuilder(Math.min(text.length(), maxChars));
    for (int i = 0; i < text.length() && sb.length() < maxChars; i++) {
      char c = text.charAt(i);
      sb.append(isControl(c) ? '?' : c);
    }
    return sb.toString();
  }

  /** {@link #safeText(String, int)} with a limit of 200 characters. */
  public static String safeText(String text) {
    return safeText(text, 200);
  }

  private static boolean isControl(char c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f);
  }

  /** 2yz: the command was accepted. */
  public boolean isPositive() {
    return code < 300;
  }

  /** 3yz: go on (354 after DATA, 334 during AUTH). */
  public boolean isIntermediate() {
    return code >= 300 && code < 400;
  }

  /** 4yz: failed for now; trying again later may work. */
  public boolean isTransientFailure() {
    return code >= 400 && code < 500;
  }

  /** 5yz: failed for good. */
  public boolean isPermanentFailure() {
    return code >= 500;
  }

  /** The lines joined with a single space, without code or enhanced status; for logs and DSNs. */
  public String text() {
    return String.join(" ", lines);
  }

  /** The wire form (UTF-8; reply text is ASCII unless a caller put SMTPUTF8 text in it). */
  public byte[] toWire() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * lines.size());
    String prefix = status == null ? "" : status + " ";
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      boolean last = i == lines.size() - 1;
      StringBuilder sb = new StringBuilder(8 + prefix.length() + line.length());
      sb.append(code);
      String text = status == null ? line : line.isEmpty() ? status.toString() : prefix + line;
      if (!text.isEmpty()) {
        sb.append(last ? ' ' : '-').append(text);
      } else if (!last) {
        sb.append('-');
      }
      sb.append("\r\n");
      out.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  /** The reply as on the wire, lines joined by {@code " / "}; for logs. */
  @Override
  public String toString() {
    String prefix = status == null ? "" : status + " ";
    StringBuilder sb = new StringBuilder().append(code).append(' ');
    for (int i = 0; i < lines.size(); i++) {
      sb.append(i == 0 ? "" : " / ").append(prefix).append(lines.get(i));
    }
    return sb.toString().strip();
  }
}
