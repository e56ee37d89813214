package org.sealpost.report.tlsrpt;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.sealpost.mail.MailAddress;

/**
 * The TLSRPT TXT record at {@code _smtp._tls.<domain>} (RFC 8460 §3, RPT-1):
 * {@code v=TLSRPTv1; rua=mailto:a@example.com,https://r.example.com/x}. Pure parsing; the strings
 * of one TXT record arrive already joined ({@code Resolver.txt}).
 *
 * <p>Choices where the RFC leaves room: records that do not begin with {@code v=TLSRPTv1} (then
 * spaces and {@code ;}) are not TLSRPT records and are dropped, so {@code v=TLSRPTv10} does not
 * count; if not exactly one is left there is no TLSRPT (§3). Unknown fields are ignored; empty
 * fields between {@code ;}s are tolerated. A field without {@code =}, a repeated or missing
 * {@code rua} makes the record invalid. Within {@code rua}, URIs of other schemes and URIs that
 * cannot be used are skipped; the record counts only if one usable URI remains.
 *
 * @param destinations the usable {@code rua} URIs, in published order
 */
record RuaRecord(List<Rua> destinations) {

  private static final String VERSION = "v=TLSRPTv1";
  private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,31}");

  RuaRecord {
    destinations = List.copyOf(destinations);
  }

  /** What a lookup found. */
  sealed interface Parsed {
    /** One valid record. */
    record Found(RuaRecord record) implements Parsed {}

    /** No usable record, and why (for the log). */
    record NotFound(String reason) implements Parsed {}
  }

  /** Parses the TXT records found at {@code _smtp._tls.<domain>}. */
  static Parsed parse(List<String> txtRecords) {
    List<String> candidates = txtRecords.stream().filter(RuaRecord::isTlsRpt).toList();
    if (candidates.isEmpty()) {
      return new Parsed.NotFound("no v=TLSRPTv1 record");
    }
    if (candidates.size() > 1) {
      return new Parsed.NotFound(candidates.size() + " v=TLSRPTv1 records, expected one");
    }
    return parseOne(candidates.getFirst());
  }

  /** RFC 8460 §3: {@code tlsrpt-version} then {@code field-delim} ({@code *WSP ";" *WSP}). */
  private static boolean isTlsRpt(String record) {
    if (!record.startsWith(VERSION)) {
      return false;
    }
    String rest = record.substring(VERSION.length()).stripLeading();
    return rest.startsWith(";");
  }

  private static Parsed parseOne(String record) {
    String[] fields = record.substring(VERSION.length()).split(";", -1);
    List<Rua> destinations = null;
    List<String> skipped = new ArrayList<>();
    for (int i = 1; i < fields.length; i++) { // fields[0] is the white space after the version
      String field = stripWsp(fields[i]);
      if (field.isEmpty()) {
        continue;
      }
      int eq = field.indexOf('=');
      if (eq <= 0 || !FIELD_NAME.matcher(field.substring(0, eq)).matches()) {
        return new Parsed.NotFound("malformed field \"" + field + "\"");
      }
      if (!field.substring(0, eq).equals("rua")) {
        continue; // tlsrpt-extension: ignored
      }
      if (destinations != null) {
        return new Parsed.NotFound("rua given twice");
      }
      destinations = new ArrayList<>();
      for (String uri : field.substring(eq + 1).split(",", -1)) {
        String u = stripWsp(uri);
        Rua rua = rua(u);
        if (rua == null) {
          skipped.add(u);
        } else {
          destinations.add(rua);
        }
      }
    }
    if (destinations == null) {
      return new Parsed.NotFound("no rua field");
    }
    if (destinations.isEmpty()) {
      return new Parsed.NotFound("no usable rua URI in " + skipped);
    }
    return new Parsed.Found(new RuaRecord(destinations));
  }

  /** A {@code mailto:} or {@code https:} URI we can send to, or null. */
  static @Nullable Rua rua(String uri) {
    String lower = uri.toLowerCase(Locale.ROOT);
    if (lower.startsWith("mailto:")) {
      String to = uri.substring("mailto:".length());
      int query = to.indexOf('?'); // RFC 6068 hfields (subject=...) are not ours to honour
      if (query >= 0) {
        to = to.substring(0, query);
      }
      try {
        return new Rua.Mailto(uri, MailAddress.parse(percentDecode(to)));
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    if (lower.startsWith("https:")) {
      try {
        URI target = new URI(uri);
        return target.getHost() == null ? null : new Rua.Https(uri, target);
      } catch (URISyntaxException e) {
        return null;
      }
    }
    return null;
  }

  /** RFC 3986 §2.1; a malformed escape is an error. */
  private static String percentDecode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          throw new IllegalArgumentException("truncated escape");
        }
        out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** RFC 5234 WSP: space and horizontal tab only. */
  private static String stripWsp(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
      from++;
    }
    while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
      to--;
    }
    return s.substring(from, to);
  }
}
