package org.sealpost.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.sealpost.mail.BodyType;
import org.sealpost.mail.ClientInfo;
import org.sealpost.mail.Envelope;
import org.sealpost.mail.MailAddress;
import org.sealpost.mail.Notify;
import org.sealpost.mail.OriginalRecipient;
import org.sealpost.mail.QueueId;
import org.sealpost.mail.Recipient;
import org.sealpost.mail.Ret;
import org.sealpost.mail.TlsFacts;
import org.sealpost.mail.TlsRequirement;
import org.sealpost.mail.VerificationFloor;

@TestMethodOrder(MethodOrderer.Random.class)
class EnvelopeCodecTest {

  private static final QueueId ID = TestEnvelopes.id(1);

  /** Every enum code of every stored enum, crossed with each optional field absent and present. */
  @Test
  void roundTripsEveryFieldCombination() throws Exception {
    int checked = 0;
    for (TlsRequirement requirement : TlsRequirement.values()) { // RT-19: the tag persists
      for (VerificationFloor floor : VerificationFloor.values()) {
        for (BodyType body : BodyType.values()) {
          for (Ret ret : Ret.values()) {
            for (int optional = 0; optional < 16; optional++) {
              Envelope e = envelope(requirement, floor, body, ret, optional);
              assertThat(EnvelopeCodec.decode(EnvelopeCodec.encode(e))).isEqualTo(e);
              checked++;
            }
          }
        }
      }
    }
    assertThat(checked).isEqualTo(3 * 4 * 2 * 3 * 16);
  }

  @Test
  void roundTripsEveryNotifyCombinationAndOrcpt() throws Exception {
    List<Set<Notify>> sets = new ArrayList<>();
    sets.add(Set.of());
    sets.add(Set.of(Notify.NEVER));
    for (int mask = 1; mask < 8; mask++) {
      Set<Notify> s = EnumSet.noneOf(Notify.class);
      if ((mask & 1) != 0) s.add(Notify.SUCCESS);
      if ((mask & 2) != 0) s.add(Notify.FAILURE);
      if ((mask & 4) != 0) s.add(Notify.DELAY);
      sets.add(s);
    }
    List<Recipient> recipients = new ArrayList<>();
    int n = 0;
    for (Set<Notify> s : sets) {
      OriginalRecipient orcpt = n % 2 == 0 ? null : new OriginalRecipient("rfc822", "R" + n + "@Example.ORG");
      recipients.add(new Recipient(MailAddress.parse("r" + n++ + "@example.org"), s, orcpt));
    }
    Envelope e = withRecipients(TestEnvelopes.full(ID), recipients);
    Envelope back = EnvelopeCodec.decode(EnvelopeCodec.encode(e));
    assertThat(back).isEqualTo(e);
    assertThat(back.recipients()).extracting(Recipient::notifyOn).containsExactlyElementsOf(sets);
  }

  @Test
  void keepsUnicodeAddressesAndCaseExactly() throws Exception {
    Envelope e =
        withRecipients(
            TestEnvelopes.full(ID),
            List.of(
                new Recipient(
                    MailAddress.parse("\"Quoted @ Local\"@[192.0.2.1]"), Set.of(), null),
                new Recipient(
                    MailAddress.parse("用户@例子.广告"),
                    Set.of(Notify.SUCCESS),
                    new OriginalRecipient("utf-8", "用户@例子.广告")),
                Recipient.of(MailAddress.parse("MiXeD.Case@example.org"))));
    Envelope back = EnvelopeCodec.decode(EnvelopeCodec.encode(e));
    assertThat(back).isEqualTo(e);
    assertThat(back.recipients().get(1).address().localPart()).isEqualTo("用户");
    assertThat(back.recipients().get(2).address().localPart()).isEqualTo("MiXeD.Case");
  }

  @Test
  void nullSenderStaysNull() throws Exception {
    Envelope back = EnvelopeCodec.decode(EnvelopeCodec.encode(TestEnvelopes.minimal(ID)));
    assertThat(back.hasNullReversePath()).isTrue();
    assertThat(back).isEqualTo(TestEnvelopes.minimal(ID));
  }

  @Test
  void storesEnumsByExplicitCodeNotOrdinal() {
    String text = new String(EnvelopeCodec.encode(TestEnvelopes.full(ID)), StandardCharsets.ISO_8859_1);
    assertThat(text).contains("requiretls", "dane", "8BITMIME", "HDRS", "DELAY", "FAILURE", "NEVER");
  }

  @Test
  void encodingDoesNotDependOnNotifySetIterationOrder() {
    Recipient a = new Recipient(MailAddress.parse("a@example.org"),
        new java.util.LinkedHashSet<>(List.of(Notify.DELAY, Notify.SUCCESS, Notify.FAILURE)), null);
    Recipient b = new Recipient(MailAddress.parse("a@example.org"),
        new java.util.LinkedHashSet<>(List.of(Notify.FAILURE, Notify.SUCCESS, Notify.DELAY)), null);
    Envelope base = TestEnvelopes.minimal(ID);
    assertThat(EnvelopeCodec.encode(withRecipients(base, List.of(a))))
        .isEqualTo(EnvelopeCodec.encode(withRecipients(base, List.of(b))));
  }

  @Test
  void rejectsEnvelopeTruncatedAtEveryLength() {
    byte[] bytes = EnvelopeCodec.encode(TestEnvelopes.full(ID));
    for (int length = 0; length < bytes.length; length++) {
      byte[] cut = Arrays.copyOf(bytes, length);
      assertThatThrownBy(() -> EnvelopeCodec.decode(cut))
          .as("cut at %d", length)
          .isInstanceOf(CorruptQueueFileException.class);
    }
  }

  @Test
  void rejectsTrailingBytes() {
    byte[] bytes = EnvelopeCodec.encode(TestEnvelopes.minimal(ID));
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
    assertThatThrownBy(() -> EnvelopeCodec.decode(longer))
        .isInstanceOf(CorruptQueueFileException.class)
        .hasMessageContaining("unexpected bytes");
  }

  @Test
  void rejectsUnknownEnumCode() {
    byte[] bytes = EnvelopeCodec.encode(TestEnvelopes.full(ID));
    replace(bytes, "requiretls", "requiretlz");
    assertThatThrownBy(() -> EnvelopeCodec.decode(bytes))
        .isInstanceOf(CorruptQueueFileException.class)
        .hasMessageContaining("requiretlz");
  }

  @Test
  void rejectsBadFlagByteAndBadUtf8() {
    byte[] flag = EnvelopeCodec.encode(TestEnvelopes.minimal(ID));
    // After the HELO name come the listener (length 4 + "mx") and the TLS facts presence flag.
    int at = indexOf(flag, "mx.example.net".getBytes(StandardCharsets.US_ASCII), 0) + 14 + 4 + 2;
    flag[at] = 7;
    assertThatThrownBy(() -> EnvelopeCodec.decode(flag)).isInstanceOf(CorruptQueueFileException.class);

    byte[] utf8 = EnvelopeCodec.encode(TestEnvelopes.minimal(ID));
    utf8[indexOf(utf8, "192.0.2.7".getBytes(StandardCharsets.US_ASCII), 0)] = (byte) 0xC3;
    assertThatThrownBy(() -> EnvelopeCodec.decode(utf8))
        .isInstanceOf(CorruptQueueFileException.class)
        .hasMessageContaining("UTF-8");
  }

  @Test
  void rejectsHugeCounts() {
    byte[] bytes = EnvelopeCodec.encode(TestEnvelopes.minimal(ID));
    int at = indexOf(bytes, "192.0.2.7".getBytes(StandardCharsets.US_ASCII), 0) - 4;
    bytes[at] = 0x7f; // string length of the client address becomes ~2 GB
    assertThatThrownBy(() -> EnvelopeCodec.decode(bytes))
        .isInstanceOf(CorruptQueueFileException.class)
        .hasMessageContaining("length");
  }

  private static Envelope envelope(
      TlsRequirement requirement, VerificationFloor floor, BodyType body, Ret ret, int optional) {
    boolean tls = (optional & 1) != 0;
    boolean auth = (optional & 2) != 0;
    boolean sender = (optional & 4) != 0;
    boolean envId = (optional & 8) != 0;
    return new Envelope(
        ID,
        TestEnvelopes.ARRIVAL,
        new ClientInfo("198.51.100.4", 587, "[198.51.100.4]", "submission",
            tls ? new TlsFacts("TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256") : null,
            auth ? "ålice" : null),
        sender ? MailAddress.parse("sender@example.org") : null,
        List.of(Recipient.of(MailAddress.parse("rcpt@example.org"))),
        body,
        (optional & 5) == 5,
        optional * 1000L,
        envId ? "QQ+2B" : null,
        ret,
        requirement,
        floor);
  }

  static Envelope withRecipients(Envelope e, List<Recipient> recipients) {
    return new Envelope(e.queueId(), e.arrival(), e.client(), e.reversePath(), recipients, e.body(),
        e.smtpUtf8(), e.declaredSize(), e.envId(), e.ret(), e.tlsRequirement(), e.verificationFloor());
  }

  private static void replace(byte[] bytes, String from, String to) {
    int at = indexOf(bytes, from.getBytes(StandardCharsets.US_ASCII), 0);
    byte[] repl = to.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(repl, 0, bytes, at, repl.length);
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) continue outer;
      }
      return i;
    }
    throw new AssertionError("not found");
  }
}
