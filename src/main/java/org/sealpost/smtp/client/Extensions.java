package org.sealpost.smtp.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.sealpost.smtp.Reply;

/**
 * The server's answer to EHLO or LHLO: the extensions it offers (RFC 5321 §4.1.1.1), keyed by
 * upper-cased keyword, each with its parameters ({@code SIZE 1000} gives {@code ["1000"]}).
 *
 * @param reply the EHLO/LHLO reply, or the HELO reply when the server refused EHLO
 * @param esmtp false after a HELO fallback or a refusal: no extension can be used
 */
public record Extensions(Reply reply, boolean esmtp, Map<String, List<String>> keywords) {

  public Extensions {
    keywords = Map.copyOf(keywords);
  }

  /** Parses a 250 EHLO reply: the first line is the greeting, each further line one extension. */
  static Extensions parse(Reply reply) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    List<String> lines = reply.lines();
    for (int i = 1; i < lines.size(); i++) {
      String[] words = lines.get(i).strip().split(" +");
      if (words[0].isEmpty()) {
        continue;
      }
      map.putIfAbsent(
          words[0].toUpperCase(Locale.ROOT), List.of(words).subList(1, words.length));
    }
    return new Extensions(reply, true, map);
  }

  /** No extensions: HELO was used, EHLO was refused, or nothing was asked yet after STARTTLS. */
  static Extensions none(Reply reply) {
    return new Extensions(reply, false, Map.of());
  }

  /** True when the server accepted the greeting command. */
  public boolean accepted() {
    return reply.isPositive();
  }

  /** True when the keyword was offered (case-insensitive, RFC 5321 §2.4). */
  public boolean has(String keyword) {
    return keywords.containsKey(keyword.toUpperCase(Locale.ROOT));
  }

  /** The parameters of a keyword; empty when it has none or was not offered. */
  public List<String> parameters(String keyword) {
    return keywords.getOrDefault(keyword.toUpperCase(Locale.ROOT), List.of());
  }

  /** The SIZE limit (RFC 1870); empty when SIZE was not offered or gave no number; 0 = none. */
  public OptionalLong sizeLimit() {
    List<String> p = parameters("SIZE");
    if (!has("SIZE") || p.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(p.getFirst()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** The SASL mechanisms of {@code AUTH}, upper-cased. */
  public List<String> authMechanisms() {
    return parameters("AUTH").stream().map(m -> m.toUpperCase(Locale.ROOT)).toList();
  }
}
