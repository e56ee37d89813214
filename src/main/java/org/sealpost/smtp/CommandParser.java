package org.sealpost.smtp;

import java.util.ArrayList;
import java.util.List;
import org.sealpost.mail.Domain;
import org.sealpost.mail.MailAddress;

/**
 * Checks and parses command arguments (the {@link Command#argument()} of MAIL, RCPT, EHLO/HELO/LHLO
 * and BDAT). Each method returns {@link Parsed.Ok} with the value, or {@link Parsed.Invalid} with
 * the reply to send. Syntax only: whether a parameter is known, a domain local or relaying allowed
 * is for the session to decide.
 *
 * <p>Replies used: {@code 501 5.5.2} for a malformed command (missing {@code FROM:}/{@code TO:},
 * missing angle brackets), {@code 501 5.1.7} (sender) or {@code 501 5.1.3} (recipient) for a bad
 * path or one over the RFC 5321 §4.5.3.1 limits (local part 64, domain 255, path 256 octets),
 * {@code 553 5.6.7} for a non-ASCII address without SMTPUTF8 (RFC 6531 §3.5, EXT-3), {@code 501
 * 5.5.4} for malformed parameters and EHLO/BDAT arguments.
 */
public final class CommandParser {

  private CommandParser() {}

  /**
   * Parses {@code FROM:<reverse-path> [SP parameters]}. A space after the colon is tolerated (many
   * clients send {@code MAIL FROM: <a@b>}). A UTF-8 address is accepted only when the same command
   * carries the {@code SMTPUTF8} parameter (RFC 6531 §3.4); whether that parameter was advertised
   * is the caller's check.
   */
  public static Parsed<MailFromCommand> mailFrom(String argument) {
    if (!argument.regionMatches(true, 0, "FROM:", 0, 5)) {
      return Parsed.invalid(501, "5.5.2", "Syntax: MAIL FROM:<address> [parameters]");
    }
    int start = skipSpaces(argument, 5);
    return switch (PathParser.parse(argument, start, PathParser.Role.SENDER)) {
      case Parsed.Invalid<PathParser.Path> invalid -> new Parsed.Invalid<>(invalid.reply());
      case Parsed.Ok<PathParser.Path>(PathParser.Path path) -> {
        Parsed<EsmtpParameters> params = parameters(argument, path.end());
        if (!(params instanceof Parsed.Ok<EsmtpParameters>(EsmtpParameters parameters))) {
          yield new Parsed.Invalid<>(((Parsed.Invalid<EsmtpParameters>) params).reply());
        }
        MailAddress address = path.address();
        if (address == null) {
          yield Parsed.ok(new MailFromCommand(new ReversePath.Null(), parameters));
        }
        if (path.utf8() && !parameters.has("SMTPUTF8")) {
          yield Parsed.invalid(553, "5.6.7", "Non-ASCII sender address requires SMTPUTF8");
        }
        yield Parsed.ok(new MailFromCommand(new ReversePath.Mailbox(address), parameters));
      }
    };
  }

  /**
   * Parses {@code TO:<forward-path> [SP parameters]}; {@code <postmaster>} without a domain is
   * accepted (SMTP-14), {@code <>} is not.
   *
   * @param smtpUtf8 whether the transaction's MAIL command carried SMTPUTF8 (RFC 6531 §3.4)
   */
  public static Parsed<RcptToCommand> rcptTo(String argument, boolean smtpUtf8) {
    if (!argument.regionMatches(true, 0, "TO:", 0, 3)) {
      return Parsed.invalid(501, "5.5.2", "Syntax: RCPT TO:<address> [parameters]");
    }
    int start = skipSpaces(argument, 3);
    return switch (PathParser.parse(argument, start, PathParser.Role.RECIPIENT)) {
      case Parsed.Invalid<PathParser.Path> invalid -> new Parsed.Invalid<>(invalid.reply());
      case Parsed.Ok<PathParser.Path>(PathParser.Path path) -> {
        if (path.nullPath()) {
          yield Parsed.invalid(501, "5.1.3", "Null recipient address not allowed");
        }
        Parsed<EsmtpParameters> params = parameters(argument, path.end());
        if (!(params instanceof Parsed.Ok<EsmtpParameters>(EsmtpParameters parameters))) {
          yield new Parsed.Invalid<>(((Parsed.Invalid<EsmtpParameters>) params).reply());
        }
        MailAddress address = path.address();
        if (address == null) {
          yield Parsed.ok(new RcptToCommand(new ForwardPath.Postmaster(), parameters));
        }
        if (path.utf8() && !smtpUtf8) {
          yield Parsed.invalid(553, "5.6.7", "Non-ASCII recipient address requires SMTPUTF8");
        }
        yield Parsed.ok(new RcptToCommand(new ForwardPath.Mailbox(address), parameters));
      }
    };
  }

  /**
   * Checks the EHLO, HELO or LHLO argument: a domain or an address literal, nothing else (RFC 5321
   * §4.1.1.1, SEC-8). ASCII only. Project choice: {@code _} is tolerated in labels and a trailing
   * dot is dropped, because real clients send such names; the result never carries anything that
   * could inject text into a Received field.
   */
  public static Parsed<Domain> helo(String argument) {
    String arg = argument.strip();
    if (arg.isEmpty() || arg.length() > PathParser.MAX_DOMAIN) {
      return Parsed.invalid(501, "5.5.4", "Syntax: EHLO hostname");
    }
    if (arg.startsWith("[")) {
      return AddressLiterals.isValid(arg)
          ? Parsed.ok(Domain.of(arg))
          : Parsed.invalid(501, "5.5.4", "Invalid address literal");
    }
    for (int i = 0; i < arg.length(); i++) {
      char c = arg.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_';
      if (!ok) {
        return Parsed.invalid(501, "5.5.4", "Invalid domain name");
      }
    }
    try {
      return Parsed.ok(Domain.of(arg));
    } catch (IllegalArgumentException e) {
      return Parsed.invalid(501, "5.5.4", "Invalid domain name");
    }
  }

  /** Parses {@code chunk-size [SP "LAST"]} (RFC 3030 §2); sizes up to 18 digits. */
  public static Parsed<BdatCommand> bdat(String argument) {
    String[] words = argument.strip().split(" +", -1);
    boolean last = words.length == 2 && words[1].equalsIgnoreCase("LAST");
    if (words.length > 2 || (words.length == 2 && !last) || words[0].isEmpty()
        || words[0].length() > 18) {
      return Parsed.invalid(501, "5.5.4", "Syntax: BDAT chunk-size [LAST]");
    }
    for (int i = 0; i < words[0].length(); i++) {
      if (words[0].charAt(i) < '0' || words[0].charAt(i) > '9') {
        return Parsed.invalid(501, "5.5.4", "Syntax: BDAT chunk-size [LAST]");
      }
    }
    return Parsed.ok(new BdatCommand(Long.parseLong(words[0]), last));
  }

  /**
   * True when the local part holds {@code %}, {@code !} or {@code @} (the last only possible inside
   * quotes). Such addresses are legal syntax, so the parser accepts them, but they are the classic
   * ways to make a relay forward mail elsewhere ({@code user%other@us}, {@code other!user@us},
   * {@code "user@other"@us}): the relay check must refuse them for non-local delivery (SEC-7).
   */
  public static boolean hasRoutingCharacters(MailAddress address) {
    String local = address.localPart();
    return local.indexOf('%') >= 0 || local.indexOf('!') >= 0 || local.indexOf('@') >= 0;
  }

  /** {@code esmtp-param *(SP esmtp-param)} after the path; several spaces are tolerated. */
  static Parsed<EsmtpParameters> parameters(String s, int from) {
    if (from == s.length()) {
      return Parsed.ok(EsmtpParameters.NONE);
    }
    if (s.charAt(from) != ' ') {
      return Parsed.invalid(501, "5.5.4", "Invalid parameter syntax");
    }
    String rest = s.substring(from).strip();
    if (rest.isEmpty()) {
      return Parsed.ok(EsmtpParameters.NONE); // trailing spaces only
    }
    List<EsmtpParameter> list = new ArrayList<>();
    for (String word : rest.split(" +")) {
      int eq = word.indexOf('=');
      String keyword = eq < 0 ? word : word.substring(0, eq);
      String value = eq < 0 ? null : word.substring(eq + 1);
      if (!isKeyword(keyword) || (value != null && !isValue(value))) {
        return Parsed.invalid(501, "5.5.4", "Invalid parameter syntax");
      }
      list.add(new EsmtpParameter(keyword, value));
    }
    return Parsed.ok(new EsmtpParameters(list));
  }

  /** {@code esmtp-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")}. */
  private static boolean isKeyword(String k) {
    if (k.isEmpty() || k.charAt(0) == '-') {
      return false;
    }
    for (int i = 0; i < k.length(); i++) {
      char c = k.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /** {@code esmtp-value = 1*(%d33-60 / %d62-126)}, plus UTF-8 per RFC 6531 §3.3. */
  private static boolean isValue(String v) {
    if (v.isEmpty()) {
      return false;
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '=' || c < 33 || c == 127 || (c > 127 && c <= 159)) {
        return false;
      }
    }
    return true;
  }

  private static int skipSpaces(String s, int i) {
    while (i < s.length() && s.charAt(i) == ' ') {
      i++;
    }
    return i;
  }
}
