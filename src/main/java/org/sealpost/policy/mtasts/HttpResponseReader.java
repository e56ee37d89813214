package org.sealpost.policy.mtasts;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Reads the one HTTP/1.1 response of a policy fetch (RFC 9112): status line, header fields, and a
 * body framed by {@code Content-Length}, by {@code Transfer-Encoding: chunked}, or by the end of
 * the connection (we send {@code Connection: close}). Only what a policy fetch needs: a non-200
 * status is returned without its body, and a body over the limit is refused as soon as it is known
 * to be too large (RFC 8461 §3.3 suggests 64 KiB, STS-4). Malformed framing is a value;
 * IOException is left for the connection failing.
 */
final class HttpResponseReader {

  private static final int MAX_LINE = 8192;
  private static final int MAX_HEADER_LINES = 100;

  private final InputStream in;
  private final int maxBody;

  private HttpResponseReader(InputStream in, int maxBody) {
    this.in = in;
    this.maxBody = maxBody;
  }

  /** What came back. */
  sealed interface Response {}

  /** Status 200 with its whole body; {@code contentType} is "" when the header was missing. */
  record Ok(String contentType, byte[] body) implements Response {}

  /** Any other status; {@code location} is kept to name a refused redirect in the log. */
  record OtherStatus(int code, @Nullable String location) implements Response {}

  /** The body is longer than the limit. */
  record TooLarge(int limit) implements Response {}

  /** Not a well-formed HTTP/1.x response. */
  record Malformed(String reason) implements Response {}

  /** Reads a response from {@code in}; the caller owns (and closes) the stream. */
  static Response read(InputStream in, int maxBody) throws IOException {
    return new HttpResponseReader(in, maxBody).response();
  }

  private Response response() throws IOException {
    String status = line();
    // status-line = HTTP-version SP status-code SP [ reason-phrase ] (RFC 9112 §4)
    if (!status.matches("HTTP/1\\.[01] [0-9]{3}( .*)?")) {
      return new Malformed("bad status line \"" + printable(status) + "\"");
    }
    int code = Integer.parseInt(status.substring(9, 12));
    String contentType = "";
    @Nullable String location = null;
    long contentLength = -1;
    boolean chunked = false;
    for (int n = 0; ; n++) {
      String field = line();
      if (field.isEmpty()) {
        break;
      }
      if (n == MAX_HEADER_LINES) {
        return new Malformed("more than " + MAX_HEADER_LINES + " header fields");
      }
      int colon = field.indexOf(':');
      if (colon <= 0) {
        return new Malformed("bad header field \"" + printable(field) + "\"");
      }
      String name = field.substring(0, colon).toLowerCase(Locale.ROOT);
      String value = field.substring(colon + 1).strip();
      switch (name) {
        case "content-type" -> contentType = value;
        case "location" -> location = value;
        case "content-length" -> {
          if (!value.matches("[0-9]{1,18}")) {
            return new Malformed("bad Content-Length \"" + printable(value) + "\"");
          }
          long length = Long.parseLong(value);
          if (contentLength >= 0 && contentLength != length) {
            return new Malformed("two different Content-Length values");
          }
          contentLength = length;
        }
        case "transfer-encoding" -> {
          if (!value.equalsIgnoreCase("chunked")) {
            return new Malformed("unsupported Transfer-Encoding \"" + printable(value) + "\"");
          }
          chunked = true;
        }
        default -> { } // other fields do not matter to a policy fetch
      }
    }
    if (code != 200) {
      return new OtherStatus(code, location);
    }
    if (chunked) {
      return chunkedBody(contentType);
    }
    if (contentLength > maxBody) {
      return new TooLarge(maxBody);
    }
    return contentLength >= 0 ? fixedBody(contentType, (int) contentLength) : bodyToEnd(contentType);
  }

  private Response fixedBody(String contentType, int length) throws IOException {
    byte[] body = in.readNBytes(length);
    if (body.length < length) {
      return new Malformed("body ends after " + body.length + " of " + length + " bytes");
    }
    return new Ok(contentType, body);
  }

  private Response bodyToEnd(String contentType) throws IOException {
    byte[] body = in.readNBytes(maxBody + 1);
    return body.length > maxBody ? new TooLarge(maxBody) : new Ok(contentType, body);
  }

  /** RFC 9112 §7.1: chunk-size [ chunk-ext ] CRLF chunk-data CRLF ... last-chunk trailers CRLF. */
  private Response chunkedBody(String contentType) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = line();
      int semicolon = sizeLine.indexOf(';');
      String hex = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).strip();
      if (!hex.matches("[0-9A-Fa-f]{1,8}")) {
        return new Malformed("bad chunk size \"" + printable(sizeLine) + "\"");
      }
      long size = Long.parseLong(hex, 16);
      if (size == 0) {
        break;
      }
      if (body.size() + size > maxBody) {
        return new TooLarge(maxBody);
      }
      byte[] chunk = in.readNBytes((int) size);
      if (chunk.length < size) {
        return new Malformed("chunk ends after " + chunk.length + " of " + size + " bytes");
      }
      body.write(chunk);
      if (!line().isEmpty()) {
        return new Malformed("chunk data not followed by CRLF");
      }
    }
    for (int n = 0; !line().isEmpty(); n++) { // trailer fields, ignored
      if (n == MAX_HEADER_LINES) {
        return new Malformed("more than " + MAX_HEADER_LINES + " trailer fields");
      }
    }
    return new Ok(contentType, body.toByteArray());
  }

  /** One line without its CRLF (a bare LF is accepted, RFC 9112 §2.2); EOF before it is an error. */
  private String line() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed in the middle of the response head");
      }
      if (b == '\n') {
        byte[] bytes = out.toByteArray();
        int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
      }
      if (out.size() == MAX_LINE) {
        throw new IOException("response line longer than " + MAX_LINE + " bytes");
      }
      out.write(b);
    }
  }

  private static String printable(String s) {
    String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
    return cut.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
