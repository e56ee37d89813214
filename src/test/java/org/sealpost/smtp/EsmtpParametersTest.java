package org.sealpost.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** ESMTP parameters (RFC 5321 §4.1.2) and xtext (RFC 3461 §4, DSN-1). */
class EsmtpParametersTest {

  private static EsmtpParameters params(String text) {
    return ((Parsed.Ok<EsmtpParameters>) CommandParser.parameters(" " + text, 0)).value();
  }

  @Test
  void keepsOrderAndMatchesKeywordsCaseInsensitively() {
    EsmtpParameters p = params("size=100 RequireTLS BODY=8BITMIME");
    assertThat(p.list()).extracting(EsmtpParameter::keyword).containsExactly("SIZE", "REQUIRETLS", "BODY");
    assertThat(p.get("Size")).contains(new EsmtpParameter("SIZE", "100"));
    assertThat(p.get("requiretls").orElseThrow().value()).isNull();
    assertThat(p.has("ENVID")).isFalse();
    assertThat(p.toString()).isEqualTo("SIZE=100 REQUIRETLS BODY=8BITMIME");
  }

  @Test
  void findsDuplicateKeywords() { // DSN-2, RT-8
    assertThat(params("RET=FULL ENVID=x ret=HDRS").firstDuplicate()).contains("RET");
    assertThat(params("REQUIRETLS requiretls").firstDuplicate()).contains("REQUIRETLS");
    assertThat(params("RET=FULL ENVID=x").firstDuplicate()).isEmpty();
    assertThat(EsmtpParameters.NONE.firstDuplicate()).isEmpty();
  }

  @Test
  void decodesXtext() {
    List<String[]> table = List.of(
        new String[] {"abc", "abc"},
        new String[] {"a+2Bb", "a+b"},
        new String[] {"rfc822;bob+40example.net", "rfc822;bob@example.net"},
        new String[] {"+3D+20", "= "},
        new String[] {"", ""});
    for (String[] r : table) {
      assertThat(Xtext.decode(r[0])).as(r[0]).contains(r[1]);
    }
    for (String bad : List.of("a+2", "a+", "+2b", "+zz", "a=b", "a b", "+0D+0A", "+00", "+7F", "+C3+A9", "\u00e9")) {
      assertThat(Xtext.decode(bad)).as(bad).isEqualTo(Optional.empty());
    }
  }

  @Test
  void encodesXtextThatDecodesBack() {
    assertThat(Xtext.encode("a+b=c d")).isEqualTo("a+2Bb+3Dc+20d");
    assertThat(Xtext.encode("\u00e9")).isEqualTo("+C3+A9");
    String printable = "!\"#$%&'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~ ";
    assertThat(Xtext.decode(Xtext.encode(printable))).contains(printable);
  }
}
