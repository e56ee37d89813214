package org.sealpost.policy.mtasts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.sealpost.policy.mtasts.StsRecord.Found;
import org.sealpost.policy.mtasts.StsRecord.NoPolicy;

class StsRecordTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "v=STSv1; id=20160831085700Z;            | 20160831085700Z",
      "v=STSv1;id=abc                          | abc",
      "v=STSv1 ;\tid=abc ;                     | abc",
      "v=STSv1; id=abc; ext=value              | abc",
      "v=STSv1; foo.bar-1=x; id=ABC123         | ABC123",
      "v=STSv1; id=12345678901234567890123456789012 | 12345678901234567890123456789012",
  })
  void wellFormedRecordsGiveTheirId_STS1(String text, String id) {
    assertThat(StsRecord.select(List.of(text.strip()))).isEqualTo(new Found(new StsRecord(id)));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "v=STSv1;",                                      // no id
      "v=STSv1; id=",                                  // empty id
      "v=STSv1; id=123456789012345678901234567890123", // 33 characters
      "v=STSv1; id=abc-def",                           // not alphanumeric
      "v=STSv1; id=abc; id=def",                       // which one?
      "v=STSv1; id=abc; broken",                       // field without "="
      "v=STSv1; id=abc; =x",                           // field without a name
      "v=STSv1; id=abc;; ",                            // empty field
      "v=STSv1 id=abc",                                // no separator
      "v=STSv10; id=abc",                              // another version
  })
  void malformedRecordMeansNoPolicy_STS1(String text) {
    assertThat(StsRecord.select(List.of(text))).isInstanceOf(NoPolicy.class);
  }

  @Test
  void recordsNotStartingWithTheVersionAreDropped_STS1() {
    assertThat(StsRecord.select(List.of("google-site-verification=xyz", "v=STSv1; id=one")))
        .isEqualTo(new Found(new StsRecord("one")));
    assertThat(StsRecord.select(List.of("v=spf1 -all", "V=STSV1; id=one")))
        .isEqualTo(new NoPolicy("no TXT record starts with v=STSv1"));
  }

  @Test
  void twoRecordsMeanNoPolicy_STS1() {
    assertThat(StsRecord.select(List.of("v=STSv1; id=one", "v=STSv1; id=two")))
        .isInstanceOf(NoPolicy.class);
  }

  @Test
  void noRecordMeansNoPolicy_STS1() {
    assertThat(StsRecord.select(List.of())).isEqualTo(new NoPolicy("no TXT record"));
  }
}
