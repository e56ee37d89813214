package org.sealpost.delivery.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sealpost.mail.BodyType;
import org.sealpost.mail.ClientInfo;
import org.sealpost.mail.Envelope;
import org.sealpost.mail.MailAddress;
import org.sealpost.mail.Notify;
import org.sealpost.mail.OriginalRecipient;
import org.sealpost.mail.QueueId;
import org.sealpost.mail.Recipient;
import org.sealpost.mail.Ret;
import org.sealpost.mail.TlsRequirement;
import org.sealpost.mail.VerificationFloor;
import org.sealpost.smtp.Reply;
import org.sealpost.smtp.client.Extensions;

class MailCommandsTest {

  private static final Recipient BOB =
      new Recipient(MailAddress.parse("bob@dest.test"), Set.of(Notify.FAILURE, Notify.SUCCESS),
          new OriginalRecipient("RFC822", "Bob+x@dest.test"));

  private static Envelope envelope(boolean nullSender) {
    return new Envelope(QueueId.generate(Instant.EPOCH), Instant.EPOCH,
        new ClientInfo("127.0.0.1", 1, "c.test", "smtp", null, null),
        nullSender ? null : MailAddress.parse("alice@src.test"), List.of(BOB),
        BodyType.EIGHT_BIT_MIME, false, 0, "id 1", Ret.HDRS, TlsRequirement.REQUIRE_TLS,
        VerificationFloor.NONE);
  }

  private static Extensions ext(String... keywords) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (String k : keywords) {
      String[] words = k.split(" ");
      map.put(words[0], List.of(words).subList(1, words.length));
    }
    return new Extensions(Reply.of(250, "ok"), true, map);
  }

  @Test
  void dsnParametersArePassedOnUnchangedWhenOffered_DSN3() {
    Extensions ext = ext("SIZE 1000", "DSN", "8BITMIME");
    assertThat(MailCommands.mail(envelope(false), 123, ext, true))
        .isEqualTo("MAIL FROM:<alice@src.test> SIZE=123 BODY=8BITMIME RET=HDRS ENVID=id+201 REQUIRETLS");
    assertThat(MailCommands.rcpt(BOB, ext))
        .isEqualTo("RCPT TO:<bob@dest.test> NOTIFY=SUCCESS,FAILURE ORCPT=RFC822;Bob+2Bx@dest.test");
  }

  @Test
  void dsnParametersAreLeftOutWhenNotOffered_DSN4() {
    Extensions ext = ext("8BITMIME");
    assertThat(MailCommands.mail(envelope(true), 123, ext, false)).isEqualTo("MAIL FROM:<> BODY=8BITMIME");
    assertThat(MailCommands.rcpt(BOB, ext)).isEqualTo("RCPT TO:<bob@dest.test>");
  }
}
