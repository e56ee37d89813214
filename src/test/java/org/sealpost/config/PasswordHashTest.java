package org.sealpost.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHashTest {

  @Test
  void hashVerifiesTheSamePasswordOnly() {
    String h = PasswordHash.hash("s3cret pass".toCharArray());
    assertThat(h).matches("pbkdf2-sha256\\$210000\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    assertThat(PasswordHash.verify("s3cret pass".toCharArray(), h)).isTrue();
    assertThat(PasswordHash.verify("s3cret pasS".toCharArray(), h)).isFalse();
    assertThat(PasswordHash.verify("".toCharArray(), h)).isFalse();
  }

  @Test
  void saltMakesEachHashDifferent() {
    char[] pw = "same".toCharArray();
    assertThat(PasswordHash.hash(pw)).isNotEqualTo(PasswordHash.hash(pw));
  }

  @Test
  void matchesAnIndependentPbkdf2Implementation() {
    // Made with Python: hashlib.pbkdf2_hmac('sha256', pw, bytes(range(1, 17)), 210000, 32).
    String python = "pbkdf2-sha256$210000$AQIDBAUGBwgJCgsMDQ4PEA$"
        + "U6OUXzMukovUtEmDo+FmDZ1fdh5NlMHp1TCfXaphP0I";
    assertThat(PasswordHash.verify("correct horse battery staple".toCharArray(), python)).isTrue();
  }

  @Test
  void malformedHashesNeverVerifyAndSayWhy() {
    assertThat(PasswordHash.verify("x".toCharArray(), "plain")).isFalse();
    assertThatThrownBy(() -> PasswordHash.validate("pbkdf2-sha256$abc$AAAA$AAAA"))
        .hasMessageStartingWith("bad iteration count \"abc\"");
    assertThatThrownBy(() -> PasswordHash.validate("pbkdf2-sha256$210000$!!$AAAA"))
        .hasMessage("salt is not base64");
    assertThatThrownBy(() -> PasswordHash.validate("pbkdf2-sha256$210000$AQIDBAUGBwgJCgsMDQ4PEA$AAAA"))
        .hasMessage("hash is 3 bytes, expected at least 32");
    assertThatThrownBy(() -> PasswordHash.validate("pbkdf2-sha256$210000$AAAA$AAAA"))
        .hasMessage("salt is 3 bytes, expected at least 16");
  }
}
