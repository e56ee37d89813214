package org.sealpost.smtp;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The DATA decoder (SMTP-2, SEC-5). Every case is followed on the wire by a {@code NEXT} command:
 * reading it proves the decoder stopped exactly at the real end of data, and that no command hidden
 * in the body behind a fake terminator was seen as one. Each case runs with the input split at every
 * byte position and one byte per read.
 */
class DataDecoderTest {

  enum Kind { COMPLETE, TOO_BIG, BARE, EOF }

  record Case(String name, String wire, Kind kind, String content, long limit) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final String EVIL = "MAIL FROM:<spoof@bank.example>\r\nRCPT TO:<v@x.example>\r\n";

  static Stream<Case> cases() {
    List<Case> c = new ArrayList<>();
    c.add(ok("plain", "Subject: hi\r\n\r\nbody\r\n.\r\n", "Subject: hi\r\n\r\nbody\r\n"));
    c.add(ok("empty body", ".\r\n", ""));
    c.add(ok("only an empty line", "\r\n.\r\n", "\r\n"));
    c.add(ok("dot-stuffed lines lose one dot", "..lead\r\n...\r\n..\r\n.\r\n", ".lead\r\n..\r\n.\r\n"));
    c.add(ok("unstuffed leading dot is dropped (RFC 5321 4.5.2)", ".x\r\n.\r\n", "x\r\n"));
    c.add(ok("dot inside a line stays", "a.b\r\n a .\r\n.\r\n", "a.b\r\n a .\r\n"));
    c.add(ok("dot-space line is not the end", ". \r\n.\r\n", " \r\n"));
    c.add(ok("long line", "x".repeat(1100) + "\r\n.\r\n", "x".repeat(1100) + "\r\n"));
    // SEC-5: every smuggling terminator variant is content, not the end of data.
    for (String fake : List.of("\n.\n", "\n.\r\n", "\r.\r\n", "\r\n.\n", "\r.\r", "\r\n.\r", "\n.\r")) {
      String label = fake.replace("\r", "CR").replace("\n", "LF");
      c.add(new Case("smuggling " + label, "a" + fake + EVIL + "z\r\n.\r\n", Kind.BARE, null, 1 << 20));
    }
    c.add(bare("bare LF mid-line", "a\nb\r\n.\r\n", "a\nb\r\n"));
    c.add(bare("bare CR mid-line", "a\rb\r\n.\r\n", "a\rb\r\n"));
    c.add(bare("CR CR LF", "a\r\r\n.\r\n", "a\r\r\n"));
    c.add(bare("dot CR CR LF at line start", ".\r\r\n.\r\n", "\r\r\n"));
    c.add(bare("dot then bare LF", ".\nx\r\n.\r\n", "\nx\r\n"));
    c.add(bare("LF before the terminator", "a\n.\r\n.\r\n", "a\n.\r\n"));
    c.add(new Case("too big", "0123456789abcdef\r\n" + "x\r\n.\r\n", Kind.TOO_BIG, null, 10));
    c.add(new Case("too big and bare", "0123456789\nabcdef\r\n.\r\n", Kind.TOO_BIG, null, 10));
    c.add(new Case("exactly the limit", "12345678\r\n.\r\n", Kind.COMPLETE, "12345678\r\n", 10));
    c.add(new Case("one over the limit", "123456789\r\n.\r\n", Kind.TOO_BIG, null, 10));
    c.add(new Case("no terminator", "abc\r\n.\n", Kind.EOF, null, 100));
    c.add(new Case("stream ends mid-line", "abc", Kind.EOF, null, 100));
    return c.stream();
  }

  private static Case ok(String name, String wire, String content) {
    return new Case(name, wire, Kind.COMPLETE, content, 1 << 20);
  }

  private static Case bare(String name, String wire, String content) {
    return new Case(name, wire, Kind.BARE, content, 1 << 20);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void decodesWithInputSplitAtEveryByte(Case c) throws IOException {
    byte[] wire = (c.wire + (c.kind == Kind.EOF ? "" : "NEXT\r\n")).getBytes(ISO_8859_1);
    for (int split = 0; split <= wire.length; split++) {
      check(c, new SmtpInput(new SplitInputStream(wire, split, wire.length), 4096), "split " + split);
    }
    check(c, new SmtpInput(new SplitInputStream(wire, 1, 1)), "one byte per read");
    check(c, new SmtpInput(new SplitInputStream(wire, wire.length, wire.length), 16), "buffer 16");
  }

  private static void check(Case c, SmtpInput in, String how) throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    DataResult r = in.readData(sink, c.limit);
    String body = sink.toString(ISO_8859_1);
    switch (c.kind) {
      case COMPLETE -> {
        assertThat(r).as(how).isEqualTo(new DataResult.Complete(c.content.length()));
        assertThat(body).as(how).isEqualTo(c.content);
      }
      case BARE -> {
        assertThat(r).as(how).isInstanceOf(DataResult.BareLineEnding.class);
        if (c.content != null) {
          assertThat(body).as(how).isEqualTo(c.content);
        }
      }
      case TOO_BIG -> {
        assertThat(r).as(how).isInstanceOf(DataResult.TooBig.class);
        assertThat(sink.size()).as(how).isLessThanOrEqualTo((int) c.limit);
      }
      case EOF -> assertThat(r).as(how).isEqualTo(new DataResult.EndOfStream());
    }
    if (c.kind != Kind.EOF) {
      assertThat(in.readCommandLine(512)).as(how).isEqualTo(new CommandRead.Line("NEXT"));
      assertThat(in.readCommandLine(512)).as(how).isEqualTo(new CommandRead.EndOfStream());
    }
  }

  @Test
  void tooBigReportsTheRealSize() throws IOException {
    String wire = "x".repeat(98) + "\r\n.\r\n";
    DataResult r = new SmtpInput(new SplitInputStream(wire.getBytes(ISO_8859_1), 7, 7))
        .readData(new ByteArrayOutputStream(), 10);
    assertThat(r).isEqualTo(new DataResult.TooBig(100, 10));
    assertThat(((DataResult.TooBig) r).reply().toString()).isEqualTo("552 5.3.4 Message size exceeds fixed maximum message size");
  }

  /** Random bodies over {a . CR LF} against a plain-string reference decoder. */
  @Test
  void agreesWithAReferenceDecoderOnRandomInput() throws IOException {
    SplittableRandom random = new SplittableRandom(42);
    char[] alphabet = {'a', '.', '\r', '\n', '\r', '\n'};
    for (int n = 0; n < 3000; n++) {
      StringBuilder sb = new StringBuilder();
      int len = random.nextInt(40);
      for (int i = 0; i < len; i++) {
        sb.append(alphabet[random.nextInt(alphabet.length)]);
      }
      String raw = sb + "\r\n.\r\nNEXT\r\n";
      byte[] wire = raw.getBytes(ISO_8859_1);
      SmtpInput in = new SmtpInput(
          new SplitInputStream(wire, random.nextInt(wire.length + 1), 1 + random.nextInt(5)), 256);
      ByteArrayOutputStream sink = new ByteArrayOutputStream();
      DataResult r = in.readData(sink, 1 << 20);

      int end = ("\r\n" + raw).indexOf("\r\n.\r\n"); // index in raw of the terminator's "."; content ends before
      String content = raw.substring(0, end);
      StringBuilder expected = new StringBuilder();
      for (String line : content.split("\r\n", -1)) {
        expected.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
      }
      expected.setLength(Math.max(0, expected.length() - 2)); // split added one CRLF too many
      String unstuffed = expected.toString();
      boolean bare = content.replace("\r\n", "").indexOf('\r') >= 0 || content.replace("\r\n", "").indexOf('\n') >= 0;
      assertThat(sink.toString(ISO_8859_1)).as(raw).isEqualTo(unstuffed);
      assertThat(r).as(raw).isEqualTo(bare ? new DataResult.BareLineEnding(unstuffed.length())
          : new DataResult.Complete(unstuffed.length()));
      if (end + 3 == raw.length() - "NEXT\r\n".length()) { // the body held no real terminator
        assertThat(in.readCommandLine(1000)).as(raw).isEqualTo(new CommandRead.Line("NEXT"));
      }
    }
  }
}
