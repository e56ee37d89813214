package org.sealpost.inbound;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sealpost.policy.requiretls.TlsRequiredField;

/**
 * Passes message content through to the spool while reading its header section (RFC 5322 §2.2):
 * counts {@code Received} fields (loop detection, SMTP-9), collects the fields RFC 8689 cares about
 * ({@code TLS-Required} and the draft-era names), and measures the header size (SEC-9). The body is
 * passed through untouched and unexamined.
 */
final class HeaderScanner extends FilterOutputStream {

  private final int maxHeaderBytes;
  private final List<TlsRequiredField.Field> tlsFields = new ArrayList<>();
  private final byte[] line;
  private int lineLength;
  private boolean lineOverflow;
  private boolean inHeader = true;
  private long headerBytes;
  private int receivedCount;
  private boolean headerTooBig;
  private String currentName = "";
  private StringBuilder currentValue = new StringBuilder();
  private boolean collecting;

  HeaderScanner(OutputStream out, int maxHeaderBytes) {
    super(out);
    this.maxHeaderBytes = maxHeaderBytes;
    this.line = new byte[1000];
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (inHeader) {
      int end = off + len;
      int i = off;
      while (i < end && inHeader) {
        byte c = b[i++];
        headerBytes++;
        if (c == '\n') {
          endOfLine();
        } else if (lineLength < line.length) {
          line[lineLength++] = c;
        } else {
          lineOverflow = true;
        }
      }
      if (headerBytes > maxHeaderBytes) {
        headerTooBig = true;
      }
      out.write(b, off, len);
      return;
    }
    out.write(b, off, len);
  }

  private void endOfLine() {
    int n = lineLength;
    if (n > 0 && line[n - 1] == '\r') {
      n--;
    }
    lineLength = 0;
    boolean overflow = lineOverflow;
    lineOverflow = false;
    if (n == 0) {
      finishField();
      inHeader = false;
      return;
    }
    if (line[0] == ' ' || line[0] == '\t') {
      if (collecting && !overflow) {
        currentValue.append("\r\n").append(new String(line, 0, n, StandardCharsets.UTF_8));
      }
      return;
    }
    finishField();
    int colon = -1;
    for (int i = 0; i < n; i++) {
      if (line[i] == ':') {
        colon = i;
        break;
      }
    }
    if (colon <= 0) {
      // Not a header field: the header section ended without an empty line.
      inHeader = false;
      return;
    }
    String name = new String(line, 0, colon, StandardCharsets.US_ASCII).strip();
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.equals("received")) {
      receivedCount++;
    }
    collecting =
        lower.equals("tls-required") || lower.equals("requiretls") || lower.equals("require-tls");
    if (collecting) {
      currentName = name;
      currentValue = new StringBuilder(new String(line, colon + 1, n - colon - 1, StandardCharsets.UTF_8));
    }
  }

  private void finishField() {
    if (collecting) {
      tlsFields.add(new TlsRequiredField.Field(currentName, currentValue.toString()));
      collecting = false;
    }
  }

  /** Call at the end of content: a header section without a body ends here. */
  void finish() {
    if (inHeader) {
      if (lineLength > 0) {
        endOfLine();
      }
      finishField();
      inHeader = false;
    }
  }

  int receivedCount() {
    return receivedCount;
  }

  boolean headerTooBig() {
    return headerTooBig;
  }

  List<TlsRequiredField.Field> tlsRequiredFields() {
    return List.copyOf(tlsFields);
  }
}
