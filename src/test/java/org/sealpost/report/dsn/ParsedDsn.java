package org.sealpost.report.dsn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sealpost.testing.MultipartSections;

/**
 * A DSN read back the way a mail client would: top-level header fields (unfolded), the boundary,
 * and each body part with its own fields and body. Independent of the composer's code.
 */
record ParsedDsn(Map<String, String> headers, List<Part> parts) {

  record Part(Map<String, String> headers, String body) {
    String contentType() {
      return headers.getOrDefault("content-type", "");
    }
  }

  static ParsedDsn parse(String message) {
    Map<String, String> headers = fields(MultipartSections.headerSection(message));
    List<Part> parts = MultipartSections.parts(message, headers.getOrDefault("content-type", "")).stream()
        .map(p -> new Part(fields(p.headerSection()), p.body()))
        .toList();
    return new ParsedDsn(headers, parts);
  }

  /** Per-recipient groups of the delivery-status part, each as lower-case name to value. */
  List<Map<String, String>> recipientGroups() {
    String status = parts.get(1).body();
    String[] groups = status.split("\r\n\r\n");
    List<Map<String, String>> out = new ArrayList<>();
    for (int i = 1; i < groups.length; i++) {
      out.add(fields(groups[i] + "\r\n"));
    }
    return out;
  }

  Map<String, String> perMessage() {
    return fields(parts.get(1).body().split("\r\n\r\n")[0] + "\r\n");
  }

  static Map<String, String> fields(String section) {
    Map<String, String> fields = new LinkedHashMap<>();
    String unfolded = section.replaceAll("\r\n[ \t]", " ");
    for (String line : unfolded.split("\r\n")) {
      if (line.isEmpty()) {
        continue;
      }
      int colon = line.indexOf(':');
      assertThat(colon).as("field line: %s", line).isPositive();
      fields.put(line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
    }
    return fields;
  }
}
