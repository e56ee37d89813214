package org.sealpost.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks a message body for what a clean client never sends (SEC-6): a CR or LF that is not part
 * of a CRLF (SMTP-1), and a line longer than 998 octets before its CRLF (RFC 5321 §4.5.3.1.6).
 * Each kind is reported once per body, at its first offset.
 */
final class BodyScan {

  /** RFC 5321 §4.5.3.1.6: 1000 octets including the CRLF. */
  static final int MAX_LINE = 998;

  private BodyScan() {}

  static List<Violation> scan(byte[] body) {
    List<Violation> found = new ArrayList<>(2);
    long bareAt = -1;
    long longAt = -1;
    int lineLength = 0;
    for (int i = 0; i < body.length; i++) {
      byte b = body[i];
      boolean crBefore = i > 0 && body[i - 1] == '\r';
      if (b == '\n') {
        if (!crBefore && bareAt < 0) {
          bareAt = i;
        }
        // A bare LF ends a line for many parsers; count from it, so lines are never under-counted.
        int length = crBefore ? lineLength - 1 : lineLength;
        if (length > MAX_LINE && longAt < 0) {
          longAt = i - length;
        }
        lineLength = 0;
        continue;
      }
      if (crBefore && bareAt < 0) {
        bareAt = i - 1; // a CR followed by something other than LF
      }
      lineLength++;
    }
    if (body.length > 0 && body[body.length - 1] == '\r' && bareAt < 0) {
      bareAt = body.length - 1;
    }
    int trailing = body.length > 0 && body[body.length - 1] == '\r' ? lineLength - 1 : lineLength;
    if (trailing > MAX_LINE && longAt < 0) {
      longAt = body.length - lineLength;
    }
    if (bareAt >= 0) {
      found.add(new Violation(Violation.Kind.BARE_LINE_ENDING_IN_BODY,
          "bare CR or LF at body offset " + bareAt));
    }
    if (longAt >= 0) {
      found.add(new Violation(Violation.Kind.LINE_TOO_LONG_IN_BODY,
          "line over " + MAX_LINE + " octets at body offset " + longAt));
    }
    return found;
  }
}
