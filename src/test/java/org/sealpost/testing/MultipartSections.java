package org.sealpost.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a generated MIME message into its header section and the sections of its top-level
 * multipart body, independently of the code that built it. Field parsing is the caller's: a DSN
 * test wants every line checked, a Maildir reader wants the first of repeated trace fields.
 */
public final class MultipartSections {

  private static final Pattern BOUNDARY = Pattern.compile("boundary=\"([^\"]+)\"");

  private MultipartSections() {}

  /** One body part: its header section (ending in CRLF) and its body. */
  public record Part(String headerSection, String body) {}

  /** The message's header section, up to and including the CRLF before the empty line. */
  public static String headerSection(String message) {
    int split = message.indexOf("\r\n\r\n");
    assertThat(split).as("header section ends with an empty line").isPositive();
    return message.substring(0, split + 2);
  }

  /** The body parts between the boundaries that {@code contentType} names; the closing one must be there. */
  public static List<Part> parts(String message, String contentType) {
    Matcher m = BOUNDARY.matcher(contentType);
    assertThat(m.find()).as("multipart boundary").isTrue();
    String delimiter = "\r\n--" + m.group(1);
    String body = message.substring(headerSection(message).length());
    assertThat(body).contains(delimiter + "--\r\n");
    String inner = body.substring(0, body.indexOf(delimiter + "--"));
    String[] chunks = inner.split(Pattern.quote(delimiter) + "\r\n", -1);
    List<Part> parts = new ArrayList<>();
    for (int i = 1; i < chunks.length; i++) {
      int end = chunks[i].indexOf("\r\n\r\n");
      parts.add(new Part(chunks[i].substring(0, end + 2), chunks[i].substring(end + 4)));
    }
    return parts;
  }
}
