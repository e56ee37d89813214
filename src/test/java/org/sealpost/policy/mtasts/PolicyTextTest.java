package org.sealpost.policy.mtasts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sealpost.config.MtaStsMode;
import org.sealpost.policy.mtasts.PolicyText.Invalid;
import org.sealpost.policy.mtasts.PolicyText.Parsed;

class PolicyTextTest {

  private static MtaStsPolicy parsed(String text) {
    return ((Parsed) PolicyText.parse(text)).policy();
  }

  @Test
  void rfcExampleParses_STS3() {
    MtaStsPolicy p = parsed("version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\n"
        + "mx: *.example.net\r\nmx: backupmx.example.com\r\nmax_age: 604800\r\n");
    assertThat(p.mode()).isEqualTo(MtaStsMode.ENFORCE);
    assertThat(p.mxPatterns()).containsExactly("mail.example.com", "*.example.net", "backupmx.example.com");
    assertThat(p.maxAge()).isEqualTo(Duration.ofSeconds(604800));
    assertThat(p.lines()).hasSize(6);
  }

  @Test
  void lfLinesAndNoFinalNewlineAreAccepted_STS3() {
    MtaStsPolicy p = parsed("version: STSv1\nmode: testing\nmx: mx.example.com\nmax_age: 86400");
    assertThat(p.mode()).isEqualTo(MtaStsMode.TESTING);
    assertThat(p.lines()).containsExactly("version: STSv1", "mode: testing", "mx: mx.example.com",
        "max_age: 86400");
  }

  @Test
  void unknownKeysAreIgnoredAndTheFirstOfARepeatedKeyWins_STS3() {
    MtaStsPolicy p = parsed("version: STSv1\nmode: testing\nmode: enforce\nfuture_key: whatever\n"
        + "mx: mx.example.com\nmax_age: 60\nmax_age: 120\n");
    assertThat(p.mode()).isEqualTo(MtaStsMode.TESTING);
    assertThat(p.maxAge()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void modeNoneNeedsNoMx_STS3() {
    assertThat(parsed("version: STSv1\nmode: none\nmax_age: 86400\n").mxPatterns()).isEmpty();
  }

  @Test
  void maxAgeAtTheLimitIsAccepted_STS3() {
    assertThat(parsed("version: STSv1\nmode: none\nmax_age: 31557600\n").maxAge())
        .isEqualTo(Duration.ofSeconds(31557600));
  }

  @Test
  void mxPatternsAreLowerCasedAndLoseATrailingDot() {
    assertThat(parsed("version: STSv1\nmode: enforce\nmx: MX.Example.COM.\nmax_age: 1\n").mxPatterns())
        .containsExactly("mx.example.com");
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "mode: enforce\\nmx: a.example\\nmax_age: 1                        | no version",
      "version: STSv2\\nmode: enforce\\nmx: a.example\\nmax_age: 1       | version \"STSv2\" is not STSv1",
      "version: STSv1\\nmx: a.example\\nmax_age: 1                       | no mode",
      "version: STSv1\\nmode: Enforce\\nmx: a.example\\nmax_age: 1       | mode \"Enforce\" is not enforce, testing or none",
      "version: STSv1\\nmode: enforce\\nmx: a.example                    | no max_age",
      "version: STSv1\\nmode: enforce\\nmx: a.example\\nmax_age: -1      | max_age \"-1\" is not 1-10 digits",
      "version: STSv1\\nmode: enforce\\nmx: a.example\\nmax_age: 12345678901 | max_age \"12345678901\" is not 1-10 digits",
      "version: STSv1\\nmode: enforce\\nmx: a.example\\nmax_age: 31557601 | max_age 31557601 is more than 31557600",
      "version: STSv1\\nmode: enforce\\nmax_age: 1                       | no mx (required unless mode is none)",
      "version: STSv1\\nmode: testing\\nmx: a b\\nmax_age: 1             | malformed mx \"a b\"",
      "version: STSv1\\nmode: testing\\nmx: a.*.example\\nmax_age: 1     | malformed mx \"a.*.example\"",
      "version: STSv1\\nmode: testing\\nmx a.example\\nmax_age: 1        | line without \":\": \"mx a.example\"",
      "version: STSv1\\n mode: testing\\nmx: a.example\\nmax_age: 1      | malformed key \" mode\"",
      "<html>not a policy</html>                                          | line without \":\": \"<html>not a policy</html>\"",
  })
  void invalidPoliciesSayWhy_STS3(String text, String reason) {
    assertThat(PolicyText.parse(text.strip().replace("\\n", "\n"))).isEqualTo(new Invalid(reason));
  }

  @Test
  void linesAreKeptForTlsRptPolicyStrings_RPT4() {
    assertThat(parsed("version: STSv1\r\nmode: none\r\n\r\nmax_age: 5\r\n").lines())
        .isEqualTo(List.of("version: STSv1", "mode: none", "max_age: 5"));
  }
}
