package org.sealpost.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sealpost.mail.ClientInfo;
import org.sealpost.mail.MailAddress;
import org.sealpost.mail.QueueId;
import org.sealpost.mail.TlsFacts;
import org.sealpost.mail.TlsRequirement;

class ReceivedFieldTest {

  private static final Instant NOW = Instant.parse("2026-11-29T04:19:42Z");
  private static final QueueId ID = QueueId.generate(NOW);

  @Test
  void protocolNamesFollowRfc3848AndRfc6531_EXT7() {
    assertThat(ReceivedField.protocol(false, false, false, false)).isEqualTo("SMTP");
    assertThat(ReceivedField.protocol(true, false, false, false)).isEqualTo("ESMTP");
    assertThat(ReceivedField.protocol(true, true, false, false)).isEqualTo("ESMTPS");
    assertThat(ReceivedField.protocol(true, false, true, false)).isEqualTo("ESMTPA");
    assertThat(ReceivedField.protocol(true, true, true, false)).isEqualTo("ESMTPSA");
    assertThat(ReceivedField.protocol(true, true, true, true)).isEqualTo("UTF8SMTPSA");
  }

  @Test
  void tlsRequireTlsAndSingleRecipientAreRecorded_SMTP8() {
    ClientInfo client =
        new ClientInfo("127.0.0.9", 4000, "client.test", "smtp",
            new TlsFacts("TLSv1.3", "TLS_AES_256_GCM_SHA384"), null);
    String field =
        ReceivedField.render(client, "mx.ours.test", "ESMTPS", ID, TlsRequirement.REQUIRE_TLS,
            List.of(MailAddress.parse("bob@ours.test")), NOW);
    assertThat(field)
        .isEqualTo(
            "Received: from client.test ([127.0.0.9])\r\n"
                + "\tby mx.ours.test (Sealpost) with ESMTPS id " + ID.value() + "\r\n"
                + "\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384) (requiretls)\r\n"
                + "\tfor <bob@ours.test>; Sun, 29 Nov 2026 04:19:42 +0000\r\n");
  }

  @Test
  void severalRecipientsAreNotDisclosed() {
    ClientInfo client = new ClientInfo("127.0.0.9", 4000, "[127.0.0.9]", "smtp", null, null);
    String field =
        ReceivedField.render(client, "mx", "ESMTP", ID, TlsRequirement.UNSPECIFIED,
            List.of(MailAddress.parse("a@x.test"), MailAddress.parse("b@x.test")), NOW);
    assertThat(field).doesNotContain("for <").doesNotContain("requiretls").endsWith("+0000\r\n");
  }
}
