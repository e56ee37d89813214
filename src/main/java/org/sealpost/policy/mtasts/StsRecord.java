package org.sealpost.policy.mtasts;

import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The {@code _mta-sts.<policy-domain>} TXT record (RFC 8461 §3.1, STS-1): {@code v=STSv1;
 * id=<1-32 alphanumerics>;}. Only the {@code id} matters to a sender: when it differs from the
 * cached policy's, the policy is fetched again (STS-10).
 *
 * @param id the policy id, compared case-sensitively as published
 */
record StsRecord(String id) {

  // RFC 8461 §3.1 ABNF: sts-sep = *WSP ";" *WSP; sts-id = "id=" 1*32(ALPHA / DIGIT).
  private static final Pattern SEPARATOR = Pattern.compile("[ \t]*;[ \t]*");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9]{1,32}");
  private static final Pattern EXTENSION_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,31}");
  private static final Pattern EXTENSION_VALUE = Pattern.compile("[\\x21-\\x3a\\x3c\\x3e-\\x7e]+");

  /** What the TXT answer says: one usable record, or no policy and why. */
  sealed interface Selection {}

  /** Exactly one {@code v=STSv1} record, well formed. */
  record Found(StsRecord record) implements Selection {}

  /**
   * The domain publishes no usable record. STS-1: this says nothing about a cached policy, which
   * stays in force until it expires (RFC 8461 §3.1, §5.1).
   */
  record NoPolicy(String reason) implements Selection {}

  /**
   * Picks the record from the TXT strings at {@code _mta-sts.<domain>} (each already the join of
   * its character-strings, RFC 8461 §3.1): records not starting with {@code v=STSv1} are dropped,
   * and exactly one must remain.
   */
  static Selection select(List<String> txt) {
    List<String> candidates = txt.stream().filter(t -> t.startsWith("v=STSv1")).toList();
    if (candidates.isEmpty()) {
      return new NoPolicy(txt.isEmpty() ? "no TXT record" : "no TXT record starts with v=STSv1");
    }
    if (candidates.size() > 1) {
      return new NoPolicy(candidates.size() + " TXT records start with v=STSv1 (exactly one allowed)");
    }
    return parse(candidates.getFirst());
  }

  /** One record's text. A second {@code id} makes it malformed: which one counts is unknowable. */
  static Selection parse(String text) {
    String[] fields = SEPARATOR.split(text, -1);
    if (!fields[0].equals("v=STSv1")) {
      return new NoPolicy("record does not start with v=STSv1: \"" + text + "\"");
    }
    @Nullable String id = null;
    for (int i = 1; i < fields.length; i++) {
      String field = fields[i];
      if (field.isEmpty() && i == fields.length - 1) {
        break; // the optional trailing separator
      }
      int eq = field.indexOf('=');
      if (eq <= 0) {
        return new NoPolicy("malformed field \"" + field + "\" in \"" + text + "\"");
      }
      String name = field.substring(0, eq);
      String value = field.substring(eq + 1);
      if (name.equals("id")) {
        if (id != null) {
          return new NoPolicy("more than one id in \"" + text + "\"");
        }
        if (!ID.matcher(value).matches()) {
          return new NoPolicy("id \"" + value + "\" is not 1-32 letters and digits");
        }
        id = value;
      } else if (!EXTENSION_NAME.matcher(name).matches() || !EXTENSION_VALUE.matcher(value).matches()) {
        return new NoPolicy("malformed field \"" + field + "\" in \"" + text + "\"");
      }
      // Any other well-formed field is an extension, ignored (RFC 8461 §3.1).
    }
    if (id == null) {
      return new NoPolicy("no id in \"" + text + "\"");
    }
    return new Found(new StsRecord(id));
  }
}
