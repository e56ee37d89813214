package org.sealpost.report.tlsrpt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A report mail read back independently of {@link ReportMail}: unfolded top-level fields, the
 * multipart boundary, and each part with its fields and body. Accepts a Maildir file, which may
 * start with a Return-Path and Received fields.
 */
record ReportMessage(Map<String, String> headers, List<Part> parts) {

  record Part(Map<String, String> headers, String body) {
    String header(String name) {
      return headers.getOrDefault(name, "");
    }

    byte[] decodedBody() {
      assertThat(header("content-transfer-encoding")).isEqualToIgnoringCase("base64");
      return Base64.getMimeDecoder().decode(body);
    }
  }

  String header(String name) {
    return headers.getOrDefault(name, "");
  }

  static ReportMessage parse(String message) {
    int split = message.indexOf("\r\n\r\n");
    assertThat(split).as("header section ends with an empty line").isPositive();
    Map<String, String> headers = fields(message.substring(0, split + 2));
    Matcher m = Pattern.compile("boundary=\"([^\"]+)\"").matcher(headers.getOrDefault("content-type", ""));
    assertThat(m.find()).as("multipart boundary").isTrue();
    String delimiter = "\r\n--" + m.group(1);
    String body = message.substring(split + 2);
    assertThat(body).contains(delimiter + "--\r\n");
    String inner = body.substring(0, body.indexOf(delimiter + "--"));
    String[] chunks = inner.split(Pattern.quote(delimiter) + "\r\n", -1);
    List<Part> parts = new ArrayList<>();
    for (int i = 1; i < chunks.length; i++) {
      int end = chunks[i].indexOf("\r\n\r\n");
      parts.add(new Part(fields(chunks[i].substring(0, end + 2)), chunks[i].substring(end + 4)));
    }
    return new ReportMessage(headers, parts);
  }

  /** Field names lower-cased; folded lines joined; the first occurrence of a name wins. */
  private static Map<String, String> fields(String section) {
    Map<String, String> out = new LinkedHashMap<>();
    String unfolded = section.replaceAll("\r\n[ \t]+", " ");
    for (String line : unfolded.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        out.putIfAbsent(line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
      }
    }
    return out;
  }
}
