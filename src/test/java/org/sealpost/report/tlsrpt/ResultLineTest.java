package org.sealpost.report.tlsrpt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.sealpost.delivery.TlsSessionResult;
import org.sealpost.policy.TlsResultType;

@TestMethodOrder(MethodOrderer.Random.class)
class ResultLineTest {

  @Test
  void everyResultOfTheMixedDaySurvivesTheRoundTrip() {
    for (TlsSessionResult r : Sessions.mixedDay()) {
      String line = ResultLine.encode(r);
      assertThat(line).doesNotContain("\n", "\r");
      assertThat(ResultLine.decode(line)).isEqualTo(r);
    }
  }

  @Test
  void lineBreaksInsideValuesStayOnOneLine() {
    TlsSessionResult r = Sessions.stsFailed(Sessions.at(1, 0), TlsResultType.VALIDATION_FAILURE,
        "mx.example", "evil\r\nhelo", "192.0.2.1", "two\nlines");
    String line = ResultLine.encode(r);
    assertThat(line).doesNotContain("\n", "\r");
    assertThat(ResultLine.decode(line)).isEqualTo(r);
  }

  @Test
  void storesWireNamesNotOrdinals() {
    String line = ResultLine.encode(Sessions.stsFailed(Sessions.at(1, 0), TlsResultType.CERTIFICATE_EXPIRED,
        "mx.example", null, "192.0.2.1", null));
    assertThat(line).contains("\"type\":\"sts\"", "\"failure\":\"certificate-expired\"", "\"v\":1");
  }

  @Test
  void refusesTornLinesAndUnknownVersions() {
    String line = ResultLine.encode(Sessions.stsOk(Sessions.at(1, 0), "mx.example", "192.0.2.1"));
    for (int cut = 0; cut < line.length(); cut++) {
      String torn = line.substring(0, cut);
      assertThatThrownBy(() -> ResultLine.decode(torn)).as("cut at %d", cut)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> ResultLine.decode(line.replace("\"v\":1", "\"v\":2")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version");
  }
}
