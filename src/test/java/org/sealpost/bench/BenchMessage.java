package org.sealpost.bench;

import java.nio.charset.StandardCharsets;

/**
 * The test message: RFC 5322 headers and a body of 76-character lines, padded to a fixed size in
 * bytes, already in wire form (CRLF line ends, no line starting with a dot, so no dot-stuffing is
 * needed) and ending in {@code CRLF.CRLF}. Each message has its own Message-ID.
 */
final class BenchMessage {

  static final String SENDER = "bench@client.bench.test";
  static final String RECIPIENT = "sink@remote.bench.test";
  private static final String END = ".\r\n";
  private static final String FILL =
      "Sealpost acceptance bench: this line only fills the body to the wanted size.";

  private BenchMessage() {}

  /**
   * The wire bytes of message {@code serial}: {@code size} bytes of content, then the end-of-data
   * line {@code .CRLF}.
   *
   * @param size bytes of content, headers included; at least the headers and one CRLF
   */
  static byte[] wire(long serial, int size) {
    String head = "From: Bench <" + SENDER + ">\r\n"
        + "To: <" + RECIPIENT + ">\r\n"
        + "Subject: bench message " + serial + "\r\n"
        + "Date: Sun, 29 Nov 2026 04:00:00 +0000\r\n"
        + "Message-ID: <" + serial + "." + ProcessHandle.current().pid() + "@client.bench.test>\r\n"
        + "MIME-Version: 1.0\r\n"
        + "Content-Type: text/plain; charset=us-ascii\r\n"
        + "\r\n";
    if (size < head.length() + 2) {
      throw new IllegalArgumentException("message size " + size + " is below the headers' "
          + (head.length() + 2) + " bytes");
    }
    StringBuilder b = new StringBuilder(size + END.length()).append(head);
    while (b.length() < size) {
      int room = size - b.length();
      if (room >= FILL.length() + 4) { // a full line still leaves room for a last CRLF
        b.append(FILL).append("\r\n");
      } else {
        b.append((FILL + "-"), 0, room - 2).append("\r\n"); // 2 <= room <= 79: the last line
      }
    }
    return b.append(END).toString().getBytes(StandardCharsets.US_ASCII);
  }
}
