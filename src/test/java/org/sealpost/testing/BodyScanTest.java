package org.sealpost.testing;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What counts as unclean in a body (SMTP-1, RFC 5321 §4.5.3.1.6, SEC-6). */
class BodyScanTest {

  private static final Violation.Kind BARE = Violation.Kind.BARE_LINE_ENDING_IN_BODY;
  private static final Violation.Kind LONG = Violation.Kind.LINE_TOO_LONG_IN_BODY;

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      clean                     | a<CRLF>b<CRLF>.<CRLF>      | 0    | 0    | ''
      empty                     | ''                         | 0    | 0    | ''
      bare LF                   | a<LF>b<CRLF>               | 0    | 0    | BARE
      bare CR                   | a<CR>b<CRLF>               | 0    | 0    | BARE
      CR CR LF                  | a<CR><CRLF>                | 0    | 0    | BARE
      CR at the end             | a<CR>                      | 0    | 0    | BARE
      LF first                  | <LF>                       | 0    | 0    | BARE
      998 octets                | ''                         | 998  | 1    | ''
      999 octets                | ''                         | 999  | 1    | LONG
      999 octets, no CRLF       | ''                         | 999  | 0    | LONG
      999 octets and a bare LF  | <LF>                       | 999  | 2    | BARE LONG
      """)
  void scans(String name, String prefix, int longLine, int lineEnd, String expected) {
    StringBuilder body = new StringBuilder(wire(prefix)).append("y".repeat(longLine));
    if (lineEnd == 1) {
      body.append("\r\n");
    } else if (lineEnd == 2) {
      body.append("\n");
    }
    List<Violation.Kind> kinds = BodyScan.scan(body.toString().getBytes(US_ASCII)).stream()
        .map(Violation::kind).toList();
    List<Violation.Kind> want = expected.isEmpty() ? List.of()
        : java.util.Arrays.stream(expected.split(" ")).map(k -> k.equals("BARE") ? BARE : LONG)
            .toList();
    assertThat(kinds).as(name).isEqualTo(want);
  }

  private static String wire(String s) {
    return s.replace("<CRLF>", "\r\n").replace("<CR>", "\r").replace("<LF>", "\n");
  }
}
