package org.sealpost.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.sealpost.config.MtaStsMode;
import org.sealpost.config.MtaStsPolicyConfig;

/**
 * The MTA-STS policy file (RFC 8461 §3.2, STS-3) and the id that goes with it in the
 * {@code _mta-sts} TXT record (§3.1, STS-1).
 *
 * <p>The text is {@code version} first (the RFC requires it there), then {@code mode}, one line per
 * {@code mx} in config order, and {@code max_age}; every line ends in CRLF, which all senders accept
 * (the RFC allows CRLF or LF). The id is the first 32 hex digits (128 bits) of the SHA-256 of the
 * text's bytes: at most 32 alphanumerics as STS-1 demands, equal for equal text, and different for
 * any change a sender could see. An operator can check it with {@code curl -s URL | sha256sum}.
 *
 * @param text the policy file, US-ASCII (names are A-labels)
 * @param id the policy id for the TXT record
 */
public record StsPolicyDocument(String text, String id) {

  /** STS-1: {@code id} is 1 to 32 characters from {@code [A-Za-z0-9]}. */
  static final int ID_LENGTH = 32;

  public StsPolicyDocument {
    if (!id.matches("[A-Za-z0-9]{1,32}")) {
      throw new IllegalArgumentException("an MTA-STS id is 1-32 alphanumerics: " + id);
    }
  }

  /** The policy the config describes; the same config always gives the same text and id. */
  public static StsPolicyDocument of(MtaStsPolicyConfig config) {
    return of(config.mode(), config.mx(), config.maxAge());
  }

  /** The policy with {@code mode}, {@code mx} patterns (in this order) and {@code maxAge} seconds. */
  public static StsPolicyDocument of(MtaStsMode mode, List<String> mx, long maxAge) {
    StringBuilder text = new StringBuilder();
    line(text, "version", "STSv1");
    line(text, "mode", mode.code());
    for (String pattern : mx) {
      line(text, "mx", pattern);
    }
    line(text, "max_age", Long.toString(maxAge));
    String t = text.toString();
    return new StsPolicyDocument(t, idOf(t));
  }

  /** The text as sent on the wire. */
  public byte[] bytes() {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /** The policy lines without their line ends, e.g. for a TLS-RPT {@code policy-string} (RPT-4). */
  public List<String> lines() {
    return text.lines().toList();
  }

  private static void line(StringBuilder text, String key, String value) {
    text.append(key).append(": ").append(value).append("\r\n");
  }

  static String idOf(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(digest).substring(0, ID_LENGTH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
