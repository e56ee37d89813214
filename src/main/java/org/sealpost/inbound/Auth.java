package org.sealpost.inbound;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.sealpost.smtp.CommandRead;
import org.sealpost.smtp.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AUTH (RFC 4954) with the PLAIN (RFC 4616) and LOGIN mechanisms, offered and accepted only under
 * TLS (SEC-14). Credentials never reach a log line.
 */
final class Auth {

  private static final Logger log = LoggerFactory.getLogger("smtpd");

  /** RFC 4954 §4: an AUTH line may be up to 12288 octets (SEC-9). */
  static final int MAX_LINE = 12288;

  private static final String USERNAME_PROMPT = "VXNlcm5hbWU6"; // "Username:"
  private static final String PASSWORD_PROMPT = "UGFzc3dvcmQ6"; // "Password:"

  private Auth() {}

  /** A SASL exchange that ended before credentials were complete: the reply to send instead. */
  private static final class Abort extends Exception {
    final Reply reply;

    Abort(Reply reply) {
      super(null, null, false, false);
      this.reply = reply;
    }
  }

  private record Credentials(String user, char[] password) {}

  static void handle(Session s, String argument) throws IOException {
    if (s.heloName == null || !s.esmtp) {
      s.error(Reply.of(503, "5.5.1", "Send EHLO first"));
      return;
    }
    if (s.authenticated()) {
      s.error(Reply.of(503, "5.5.1", "Already authenticated"));
      return;
    }
    if (s.transaction != null) {
      s.error(Reply.of(503, "5.5.1", "AUTH not allowed during a mail transaction"));
      return;
    }
    if (!s.tlsActive()) {
      s.error(Reply.of(538, "5.7.11", "Encryption required for requested authentication mechanism"));
      return;
    }
    if (!s.context.authAvailable()) {
      s.error(Reply.of(503, "5.5.1", "AUTH not available"));
      return;
    }
    String[] words = argument.split(" ", -1);
    if (argument.isEmpty() || words.length > 2) {
      s.error(Reply.of(501, "5.5.4", "Usage: AUTH mechanism [initial-response]"));
      return;
    }
    String mechanism = words[0].toUpperCase(Locale.ROOT);
    @Nullable String initial = words.length == 2 ? words[1] : null;
    Credentials credentials;
    try {
      credentials =
          switch (mechanism) {
            case "PLAIN" -> plain(s, initial);
            case "LOGIN" -> login(s, initial);
            default -> throw new Abort(Reply.of(504, "5.5.4", "Unrecognized authentication mechanism"));
          };
    } catch (Abort a) {
      s.error(a.reply);
      return;
    }
    boolean ok = s.context.authenticator().verify(credentials.user(), credentials.password());
    Arrays.fill(credentials.password(), '\0');
    if (!ok) {
      log.info("authentication failed from {}: mechanism={} user={}", s.peer(), mechanism,
          Reply.safeText(credentials.user(), 64));
      s.error(Reply.of(535, "5.7.8", "Authentication credentials invalid"));
      return;
    }
    s.authenticatedUser = credentials.user();
    log.info("authenticated {} mechanism={} sasl_username={}", s.peer(), mechanism, credentials.user());
    s.reply(Reply.of(235, "2.7.0", "Authentication successful"));
  }

  private static Credentials plain(Session s, @Nullable String initial) throws IOException, Abort {
    String response = initial;
    if (response == null) {
      response = challenge(s, "");
    } else if (response.equals("=")) {
      response = ""; // RFC 4954 §4: "=" is an empty initial response.
    }
    byte[] decoded = decode(response);
    // RFC 4616 §2: [authzid] NUL authcid NUL passwd
    int first = indexOf(decoded, 0);
    int second = first < 0 ? -1 : indexOf(decoded, first + 1);
    if (first < 0 || second < 0) {
      throw new Abort(Reply.of(501, "5.5.2", "Malformed PLAIN response"));
    }
    String authzid = new String(decoded, 0, first, StandardCharsets.UTF_8);
    String user = new String(decoded, first + 1, second - first - 1, StandardCharsets.UTF_8);
    char[] password = chars(decoded, second + 1, decoded.length - second - 1);
    Arrays.fill(decoded, (byte) 0);
    if (!authzid.isEmpty() && !authzid.equals(user)) {
      throw new Abort(Reply.of(535, "5.7.8", "Authentication credentials invalid"));
    }
    return new Credentials(user, password);
  }

  private static Credentials login(Session s, @Nullable String initial) throws IOException, Abort {
    String userB64 = initial != null ? initial : challenge(s, USERNAME_PROMPT);
    String user = new String(decode(userB64), StandardCharsets.UTF_8);
    byte[] pass = decode(challenge(s, PASSWORD_PROMPT));
    char[] password = chars(pass, 0, pass.length);
    Arrays.fill(pass, (byte) 0);
    return new Credentials(user, password);
  }

  private static String challenge(Session s, String prompt) throws IOException, Abort {
    s.reply(Reply.of(334, prompt));
    s.flush();
    s.redactNextClientLine();
    CommandRead read = s.readLine(MAX_LINE);
    return switch (read) {
      case CommandRead.Line line -> {
        if (line.text().equals("*")) {
          throw new Abort(Reply.of(501, "5.0.0", "Authentication cancelled")); // RFC 4954 §4
        }
        yield line.text();
      }
      case CommandRead.TooLong t -> throw new Abort(Reply.of(500, "5.5.6", "Authentication exchange line is too long"));
      case CommandRead.Invalid i -> throw new Abort(i.reply());
      case CommandRead.EndOfStream e -> throw new EOFException("connection closed during AUTH");
    };
  }

  private static byte[] decode(String b64) throws Abort {
    try {
      return Base64.getDecoder().decode(b64);
    } catch (IllegalArgumentException e) {
      throw new Abort(Reply.of(501, "5.5.2", "Invalid base64 data"));
    }
  }

  private static int indexOf(byte[] b, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == 0) {
        return i;
      }
    }
    return -1;
  }

  /** Decodes UTF-8 into a fresh array, wiping the decoder's buffer. */
  private static char[] chars(byte[] b, int off, int len) {
    CharBuffer decoded = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(b, off, len));
    char[] out = new char[decoded.remaining()];
    decoded.get(out);
    Arrays.fill(decoded.array(), '\0');
    return out;
  }
}
