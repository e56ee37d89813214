package org.sealpost.smtp;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.sealpost.mail.Domain;
import org.sealpost.mail.MailAddress;

/**
 * The engine behind {@link CommandParser} for {@code Path} and {@code Reverse-path} (RFC 5321
 * §4.1.2, extended with UTF-8 by RFC 6531 §3.3). It reads from an opening {@code <} to the matching
 * {@code >}, honouring quoted local parts, and drops any source route (§4.1.1.3, C.: "MUST BE
 * accepted ... SHOULD ignore the routes", SEC-7). Non-ASCII is accepted here and judged by the
 * caller, who knows whether SMTPUTF8 was given.
 */
final class PathParser {

  /** Which side of the envelope the path is on: the enhanced codes differ (RFC 3463 §3.2). */
  enum Role {
    SENDER("5.1.7", "sender"),
    RECIPIENT("5.1.3", "recipient");

    final String status;
    final String noun;

    Role(String status, String noun) {
      this.status = status;
      this.noun = noun;
    }
  }

  /** What was between the brackets; {@code address} is null for {@code <>} and bare postmaster. */
  record Path(
      @Nullable MailAddress address, boolean nullPath, boolean postmaster, boolean utf8, int end) {}

  static final int MAX_LOCAL_PART = 64;
  static final int MAX_DOMAIN = 255;
  static final int MAX_PATH = 256;

  private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";

  private final String s;
  private final Role role;
  private int i;

  private PathParser(String s, int start, Role role) {
    this.s = s;
    this.i = start;
    this.role = role;
  }

  /** Parses the path that starts with {@code <} at {@code start}. */
  static Parsed<Path> parse(String s, int start, Role role) {
    return new PathParser(s, start, role).path();
  }

  private Parsed<Path> path() {
    int open = i;
    if (!eat('<')) {
      return Parsed.invalid(501, "5.5.2", "Address must be in angle brackets");
    }
    if (eat('>')) {
      return Parsed.ok(new Path(null, true, false, false, i));
    }
    if (peek() == '@' && !sourceRoute()) {
      return syntax();
    }
    int localStart = i;
    boolean quoted = peek() == '"';
    if (!(quoted ? quotedString() : dotString())) {
      return syntax();
    }
    String local = s.substring(localStart, i);
    if (peek() == '>' && role == Role.RECIPIENT && !quoted
        && local.toLowerCase(Locale.ROOT).equals("postmaster")) {
      i++;
      return Parsed.ok(new Path(null, false, true, false, i)); // RFC 5321 §4.1.1.3, SMTP-14
    }
    if (!eat('@')) {
      return syntax();
    }
    int domainStart = i;
    if (!(peek() == '[' ? addressLiteral() : domain())) {
      return syntax();
    }
    String domain = s.substring(domainStart, i);
    if (!eat('>')) {
      return syntax();
    }
    if (octets(local) > MAX_LOCAL_PART) {
      return Parsed.invalid(501, role.status, "Local part too long");
    }
    if (octets(domain) > MAX_DOMAIN) {
      return Parsed.invalid(501, role.status, "Domain too long");
    }
    if (octets(s.substring(open, i)) > MAX_PATH) {
      return Parsed.invalid(501, role.status, "Path too long");
    }
    try {
      MailAddress address = new MailAddress(local, Domain.of(domain));
      boolean utf8 = octets(s.substring(open, i)) != i - open; // RFC 6531: UTF-8 somewhere in it
      return Parsed.ok(new Path(address, false, false, utf8, i));
    } catch (IllegalArgumentException e) {
      return syntax(); // e.g. a U-label that IDNA refuses
    }
  }

  private Parsed<Path> syntax() {
    return Parsed.invalid(501, role.status, "Bad " + role.noun + " address syntax");
  }

  /** {@code A-d-l ":"}: {@code @one,@two:} - parsed for syntax, then forgotten. */
  private boolean sourceRoute() {
    do {
      if (!eat('@') || !domain()) {
        return false;
      }
    } while (eat(','));
    return eat(':');
  }

  private boolean dotString() {
    do {
      int atomStart = i;
      while (i < s.length() && isAtext(s.charAt(i))) {
        i++;
      }
      if (i == atomStart) {
        return false;
      }
    } while (eat('.'));
    return true;
  }

  private boolean quotedString() {
    i++; // opening DQUOTE
    while (i < s.length()) {
      char c = s.charAt(i++);
      if (c == '"') {
        return true;
      }
      if (c == '\\') {
        if (i == s.length() || s.charAt(i) < 32 || s.charAt(i) > 126) {
          return false;
        }
        i++;
      } else if (!(c == 32 || c == 33 || (c >= 35 && c <= 91) || (c >= 93 && c <= 126) || c > 127)) {
        return false;
      }
    }
    return false;
  }

  /** {@code sub-domain *("." sub-domain)}, a sub-domain being Let-dig [Ldh-str] or a U-label. */
  private boolean domain() {
    do {
      int start = i;
      while (i < s.length() && (isLetDig(s.charAt(i)) || s.charAt(i) == '-')) {
        i++;
      }
      if (i == start || s.charAt(start) == '-' || s.charAt(i - 1) == '-') {
        return false;
      }
    } while (eat('.'));
    return true;
  }

  private boolean addressLiteral() {
    int close = s.indexOf(']', i);
    if (close < 0) {
      return false;
    }
    boolean ok = AddressLiterals.isValid(s.substring(i, close + 1));
    i = close + 1;
    return ok;
  }

  private static boolean isAtext(char c) {
    return isLetDig(c) || ATEXT_SPECIALS.indexOf(c) >= 0;
  }

  /** Letters and digits; non-ASCII letters count, as RFC 6531 allows UTF-8 (judged by caller). */
  private static boolean isLetDig(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || (c > 127 && !Character.isWhitespace(c) && !Character.isISOControl(c));
  }

  private char peek() {
    return i < s.length() ? s.charAt(i) : '\0';
  }

  private boolean eat(char c) {
    if (i < s.length() && s.charAt(i) == c) {
      i++;
      return true;
    }
    return false;
  }

  static int octets(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
