package org.sealpost.report.tlsrpt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sealpost.testing.MultipartSections;

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
    Map<String, String> headers = fields(MultipartSections.headerSection(message));
    List<Part> parts = MultipartSections.parts(message, headers.getOrDefault("content-type", "")).stream()
        .map(p -> new Part(fields(p.headerSection()), p.body()))
        .toList();
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
