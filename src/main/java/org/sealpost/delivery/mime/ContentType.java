package org.sealpost.delivery.mime;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The parts of a {@code Content-Type} value the converter needs (RFC 2045 §5.1): type and subtype
 * in lower case and the {@code boundary} parameter, quoted or not. A missing or unparsable field
 * is {@code text/plain} (RFC 2045 §5.2).
 */
record ContentType(String type, String subtype, @Nullable String boundary) {

  static final ContentType DEFAULT = new ContentType("text", "plain", null);

  boolean is(String type, String subtype) {
    return this.type.equals(type) && this.subtype.equals(subtype);
  }

  static ContentType parse(@Nullable String value) {
    if (value == null) {
      return DEFAULT;
    }
    String v = stripComments(value);
    int semi = v.indexOf(';');
    String media = (semi < 0 ? v : v.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    int slash = media.indexOf('/');
    if (slash <= 0 || slash == media.length() - 1) {
      return DEFAULT;
    }
    String boundary = semi < 0 ? null : parameter(v.substring(semi + 1), "boundary");
    return new ContentType(media.substring(0, slash).strip(), media.substring(slash + 1).strip(), boundary);
  }

  /** One parameter's value from {@code ; a=b; c="d e"} (names case-insensitive), or null. */
  static @Nullable String parameter(String params, String wanted) {
    int i = 0;
    int n = params.length();
    while (i < n) {
      while (i < n && (params.charAt(i) == ';' || Character.isWhitespace(params.charAt(i)))) {
        i++;
      }
      int eq = params.indexOf('=', i);
      if (eq < 0) {
        return null;
      }
      String name = params.substring(i, eq).strip().toLowerCase(Locale.ROOT);
      i = eq + 1;
      while (i < n && Character.isWhitespace(params.charAt(i))) {
        i++;
      }
      StringBuilder value = new StringBuilder();
      if (i < n && params.charAt(i) == '"') {
        i++;
        while (i < n && params.charAt(i) != '"') {
          char c = params.charAt(i);
          if (c == '\\' && i + 1 < n) {
            c = params.charAt(++i);
          }
          value.append(c);
          i++;
        }
        i++; // the closing quote
      } else {
        while (i < n && params.charAt(i) != ';' && !Character.isWhitespace(params.charAt(i))) {
          value.append(params.charAt(i++));
        }
      }
      if (name.equals(wanted)) {
        return value.toString();
      }
      while (i < n && params.charAt(i) != ';') {
        i++;
      }
    }
    return null;
  }

  /** RFC 5322 comments {@code (...)} outside quoted strings, removed (nesting counted). */
  private static String stripComments(String v) {
    StringBuilder out = new StringBuilder(v.length());
    int depth = 0;
    boolean quoted = false;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (quoted) {
        out.append(c);
        if (c == '\\' && i + 1 < v.length()) {
          out.append(v.charAt(++i));
        } else if (c == '"') {
          quoted = false;
        }
      } else if (depth > 0) {
        if (c == '(') {
          depth++;
        } else if (c == ')') {
          depth--;
        }
      } else if (c == '(') {
        depth = 1;
      } else {
        if (c == '"') {
          quoted = true;
        }
        out.append(c);
      }
    }
    return out.toString();
  }
}
