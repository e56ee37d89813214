package org.sealpost.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.sealpost.config.Defaults;
import org.sealpost.config.LimitsConfig;
import org.sealpost.mail.Envelope;
import org.sealpost.mail.Notify;
import org.sealpost.mail.Ret;
import org.sealpost.mail.TlsRequirement;
import org.sealpost.queue.QueueEntry;

/** The SMTP server session as scripted dialogues, in process (RFC 5321, 3207, 4954, 8689). */
@TestMethodOrder(MethodOrderer.Random.class)
class SessionDialogueTest {

  @TempDir Path spool;

  private static final String EHLO_PLAIN =
      """
      S: 220 mx.ours.test ESMTP Sealpost
      C: EHLO client.test
      S: 250-mx.ours.test greets client.test
      S: 250-PIPELINING
      S: 250-SIZE 52428800
      S: 250-8BITMIME
      S: 250-SMTPUTF8
      S: 250-ENHANCEDSTATUSCODES
      S: 250-CHUNKING
      S: 250-DSN
      S: 250 STARTTLS
      """;

  private static final String EHLO_TLS =
      EHLO_PLAIN
          + """
          C: STARTTLS
          S: 220 2.0.0 Ready to start TLS
          C: EHLO client.test
          S: 250-mx.ours.test greets client.test
          S: 250-PIPELINING
          S: 250-SIZE 52428800
          S: 250-8BITMIME
          S: 250-SMTPUTF8
          S: 250-ENHANCEDSTATUSCODES
          S: 250-CHUNKING
          S: 250-DSN
          S: 250-AUTH PLAIN LOGIN
          S: 250 REQUIRETLS
          """;

  /** The default limits with a few changed. */
  private static LimitsConfig limits(int maxRecipients, long maxMessageSize, int maxErrors) {
    LimitsConfig d = Defaults.limits();
    return new LimitsConfig(d.maxConnections(), d.maxConnectionsPerIp(), maxRecipients,
        maxMessageSize, maxErrors, d.maxCommands(), d.idleTimeout(), d.sessionTimeout(),
        d.maxReceivedHeaders(), d.maxHeaderBytes());
  }

  private Dialogue open() throws Exception {
    return Dialogue.builder().open(spool);
  }

  private static String message(String headers) {
    return headers + "\r\nHello.\r\n.\r\n";
  }

  private Envelope onlyQueued(Dialogue d) throws Exception {
    List<QueueEntry> q = d.queued();
    assertThat(q).hasSize(1);
    return q.getFirst().envelope();
  }

  @Test
  void plaintextEhloDoesNotAdvertiseRequireTlsOrAuth_RT4() throws Exception {
    try (Dialogue d = open()) {
      d.run(EHLO_PLAIN);
    }
  }

  @Test
  void ehloAfterStartTlsAdvertisesRequireTlsAndNotStartTls_RT4_TLS8() throws Exception {
    try (Dialogue d = open()) {
      d.run(EHLO_TLS);
    }
  }

  @Test
  void acceptsAMessageAndQueuesItWithEnvelope() throws Exception {
    try (Dialogue d = open()) {
      d.run(EHLO_PLAIN + """
          C: MAIL FROM:<sender@remote.test> SIZE=100 BODY=8BITMIME RET=HDRS ENVID=abc+2Bdef
          S: 250 2.1.0 Ok
          C: RCPT TO:<Bob@Ours.Test> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;bob+40ours.test
          S: 250 2.1.5 Ok
          C: DATA
          S: 354 *
          C: Subject: hi
          C:
          C: ..dot-stuffed line
          C: .
          S: 250 2.0.0 Ok: queued as *
          C: QUIT
          S: 221 2.0.0 *
          """);
      d.expectClosed();
      Envelope e = onlyQueued(d);
      assertThat(e.reversePath()).hasToString("sender@remote.test");
      assertThat(e.recipients().getFirst().address()).hasToString("Bob@ours.test");
      assertThat(e.recipients().getFirst().notifyOn()).containsExactlyInAnyOrder(Notify.SUCCESS, Notify.FAILURE);
      assertThat(e.recipients().getFirst().orcpt().address()).isEqualTo("bob@ours.test");
      assertThat(e.envId()).isEqualTo("abc+def");
      assertThat(e.ret()).isEqualTo(Ret.HDRS);
      assertThat(e.tlsRequirement()).isEqualTo(TlsRequirement.UNSPECIFIED);
      try (InputStream in = d.queued().getFirst().openContent()) {
        String content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        assertThat(content).startsWith("Received: from client.test ([192.0.2.7])\r\n");
        assertThat(content).contains("with ESMTP id ").endsWith("Subject: hi\r\n\r\n.dot-stuffed line\r\n");
      }
    }
  }

  @Test
  void requireTlsOnPlaintextIsRefused530_RT7() throws Exception {
    try (Dialogue d = open()) {
      d.run(EHLO_PLAIN + """
          C: MAIL FROM:<a@remote.test> REQUIRETLS
          S: 530 5.7.10 *
          C: MAIL FROM:<a@remote.test>
          S: 250 2.1.0 Ok
          """);
    }
  }

  @Test
  void requireTlsOverTlsTagsTheMessage_RT16() throws Exception {
    try (Dialogue d = open()) {
      d.run(EHLO_TLS + """
          C: MAIL FROM:<a@remote.test> requiretls
          S: 250 2.1.0 Ok
          C: RCPT TO:<bob@ours.test>
          S: 250 2.1.5 Ok
          C: DATA
          S: 354 *
          C: TLS-Required: No
          C:
          C: body
          C: .
          S: 250 2.0.0 Ok: queued as *
          """);
      Envelope e = onlyQueued(d);
      // RT-18: the parameter wins over the header.
      assertThat(e.tlsRequirement()).isEqualTo(TlsRequirement.REQUIRE_TLS);
      assertThat(e.client().tls()).isEqualTo(MemoryTransport.FAKE_TLS);
      try (InputStream in = d.queued().getFirst().openContent()) {
        String content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        assertThat(content).contains("with ESMTPS id").contains("(requiretls)").contains("TLS-Required: No\r\n");
      }
    }
  }

  @Test
  void requireTlsWithValueOrRepeatedIsRefused501_RT8() throws Exception {
    try (Dialogue d = open()) {
      d.run(EHLO_TLS + """
          C: MAIL FROM:<a@remote.test> REQUIRETLS=YES
          S: 501 5.5.4 *
          C: MAIL FROM:<a@remote.test> REQUIRETLS REQUIRETLS
          S: 501 5.5.4 *
          C: MAIL FROM:<a@remote.test> REQUIRETLS=CHAIN
          S: 501 5.5.4 *
          """);
    }
  }

  @Test
  void nullSenderWithRequireTlsIsLegal_RT9() throws Exception {
    try (Dialogue d = open()) {
      d.run(EHLO_TLS + """
          C: MAIL FROM:<> REQUIRETLS
          S: 250 2.1.0 Ok
          C: RCPT TO:<bob@ours.test>
          S: 250 2.1.5 Ok
          C: DATA
          S: 354 *
          C: Subject: bounce
          C:
          C: .
          S: 250 2.0.0 *
          """);
      Envelope e = onlyQueued(d);
      assertThat(e.hasNullReversePath()).isTrue();
      assertThat(e.tlsRequirement()).isEqualTo(TlsRequirement.REQUIRE_TLS);
    }
  }

  @Test
  void tlsRequiredNoHeaderMakesTheMessageTlsOptional_RT17() throws Exception {
    for (String header : List.of("TLS-Required: No", "tls-required: no", "TLS-REQUIRED:\r\n  NO")) {
      Path dir = spool.resolve("h" + Integer.toHexString(header.hashCode()));
      try (Dialogue d = Dialogue.builder().open(dir)) {
        d.run(EHLO_PLAIN);
        d.send("MAIL FROM:<a@remote.test>\r\nRCPT TO:<bob@ours.test>\r\nDATA\r\n");
        d.run("S: 250 *\nS: 250 *\nS: 354 *");
        d.send(message(header + "\r\n"));
        d.run("S: 250 2.0.0 *");
        assertThat(onlyQueued(d).tlsRequirement()).as(header).isEqualTo(TlsRequirement.TLS_OPTIONAL);
      }
    }
  }

  @Test
  void duplicateInvalidAndDraftHeadersLeaveTheMessageUntagged_RT11_DRAFT7() throws Exception {
    for (String headers :
        List.of(
            "TLS-Required: No\r\nTLS-Required: No\r\n",
            "TLS-Required: Yes\r\n",
            "RequireTLS: NO\r\n",
            "Require-TLS: NO\r\n")) {
      Path dir = spool.resolve("h" + Integer.toHexString(headers.hashCode()));
      try (Dialogue d = Dialogue.builder().open(dir)) {
        d.run(EHLO_PLAIN);
        d.send("MAIL FROM:<a@remote.test>\r\nRCPT TO:<bob@ours.test>\r\nDATA\r\n");
        d.run("S: 250 *\nS: 250 *\nS: 354 *");
        d.send(message(headers));
        d.run("S: 250 2.0.0 *");
        Envelope e = onlyQueued(d);
        assertThat(e.tlsRequirement()).as(headers).isEqualTo(TlsRequirement.UNSPECIFIED);
        try (InputStream in = d.queued().getFirst().openContent()) {
          // The field is kept in the message (RT-11).
          assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains(headers);
        }
      }
    }
  }

  @Test
  void relayingIsRefusedToStrangers_SEC7() throws Exception {
    try (Dialogue d = open()) {
      d.run(EHLO_PLAIN + """
          C: MAIL FROM:<a@remote.test>
          S: 250 2.1.0 Ok
          C: RCPT TO:<victim@elsewhere.test>
          S: 550 5.7.1 *
          C: RCPT TO:<victim%elsewhere.test@ours.test>
          S: 550 5.7.1 *
          C: RCPT TO:<nobody@ours.test>
          S: 550 5.1.1 *
          C: RCPT TO:<postmaster>
          S: 250 2.1.5 Ok
          C: RCPT TO:<@relay.test:bob@ours.test>
          S: 250 2.1.5 Ok
          """);
    }
  }

  @Test
  void trustedNetworksMayRelay_SEC7() throws Exception {
    try (Dialogue d = Dialogue.builder().clientAddress("127.0.0.5").open(spool)) {
      d.run(EHLO_PLAIN + """
          C: MAIL FROM:<a@ours.test>
          S: 250 2.1.0 Ok
          C: RCPT TO:<someone@elsewhere.test>
          S: 250 2.1.5 Ok
          """);
    }
  }

  @Test
  void commandsOutOfOrderGet503_SMTP10() throws Exception {
    try (Dialogue d = open()) {
      d.run("""
          S: 220 *
          C: MAIL FROM:<a@remote.test>
          S: 503 5.5.1 *
          C: EHLO client.test
          S: 250-*
          S: 250-*
          S: 250-*
          S: 250-*
          S: 250-*
          S: 250-*
          S: 250-*
          S: 250-*
          S: 250 STARTTLS
          C: RCPT TO:<bob@ours.test>
          S: 503 5.5.1 *
          C: DATA
          S: 503 5.5.1 *
          C: MAIL FROM:<a@remote.test>
          S: 250 *
          C: MAIL FROM:<a@remote.test>
          S: 503 5.5.1 *
          C: DATA
          S: 554 5.5.1 *
          C: RSET
          S: 250 2.0.0 Ok
          C: NOOP
          S: 250 2.0.0 Ok
          C: VRFY bob
          S: 252 *
          C: EXPN list
          S: 502 5.5.1 *
          C: HELP
          S: 214-*
          S: 214-*
          S: 214 *
          C: FOO
          S: 500 5.5.2 *
          """);
    }
  }

  @Test
  void badSyntaxGetsPreciseReplies() throws Exception {
    try (Dialogue d = open()) {
      d.run(EHLO_PLAIN + """
          C: MAIL FROM:a@remote.test
          S: 501 *
          C: MAIL FROM:<a@remote.test> FOO=BAR
          S: 555 5.5.4 *
          C: MAIL FROM:<a@remote.test> SIZE=abc
          S: 501 5.5.4 *
          C: MAIL FROM:<a@remote.test> BODY=BINARYMIME
          S: 501 5.5.4 *
          C: MAIL FROM:<a@remote.test> RET=FULL RET=HDRS
          S: 501 5.5.4 *
          C: MAIL FROM:<a@remote.test> SIZE=99999999999
          S: 552 5.3.4 *
          """);
    }
  }

  @Test
  void badRecipientParametersGetPreciseReplies_DSN1_DSN2() throws Exception {
    try (Dialogue d = open()) {
      d.run(EHLO_PLAIN + """
          C: MAIL FROM:<a@remote.test>
          S: 250 *
          C: RCPT TO:<bob@ours.test> NOTIFY=NEVER,SUCCESS
          S: 501 5.5.4 *
          C: RCPT TO:<bob@ours.test> NOTIFY=SOMETIMES
          S: 501 5.5.4 *
          C: RCPT TO:<bob@ours.test> ORCPT=nosemicolon
          S: 501 5.5.4 *
          C: RCPT TO:<bob@ours.test> XYZ=1
          S: 555 5.5.4 *
          C: RCPT TO:<>
          S: 501 *
          """);
    }
  }

  @Test
  void ehloArgumentMustBeADomainOrLiteral_SEC8() throws Exception {
    try (Dialogue d = open()) {
      d.run("""
          S: 220 *
          C: EHLO bad name here
          S: 501 5.5.4 *
          C: EHLO [192.0.2.7]
          S: 250-mx.ours.test greets [192.0.2.7]
          """);
    }
  }

  @Test
  void controlCharactersInCommandsAreRefused_SEC8() throws Exception {
    try (Dialogue d = open()) {
      d.run(EHLO_PLAIN);
      d.send("NOOP\u0007\r\n");
      d.run("S: 501 5.5.2 *");
      d.send("NOOP\nRSET\r\n");
      d.run("S: 501 5.5.2 *");
    }
  }

  @Test
  void smugglingVariantsNeverEndData_SEC5() throws Exception {
    for (String fake : List.of("\n.\n", "\n.\r\n", "\r.\r\n", "\r\n.\n", "\r.\r")) {
      Path dir = spool.resolve("s" + Integer.toHexString(fake.hashCode()));
      try (Dialogue d = Dialogue.builder().open(dir)) {
        d.run(EHLO_PLAIN);
        d.send("MAIL FROM:<a@remote.test>\r\nRCPT TO:<bob@ours.test>\r\nDATA\r\n");
        d.run("S: 250 *\nS: 250 *\nS: 354 *");
        d.send("Subject: x\r\n\r\nbody" + fake
            + "MAIL FROM:<spoof@ours.test>\r\nRCPT TO:<bob@ours.test>\r\nDATA\r\nspoofed\r\n.\r\n");
        // One reply: only the real terminator ended the data, and the message is refused.
        d.run("S: 550 5.6.0 *");
        d.send("NOOP\r\n");
        d.run("S: 250 2.0.0 Ok");
        assertThat(d.queued()).as("variant %s", fake.replace("\r", "CR").replace("\n", "LF")).isEmpty();
      }
    }
  }

  @Test
  void dataPipelinedBefore354IsRefusedAndTheSessionClosed_SEC5() throws Exception {
    try (Dialogue d = open()) {
      d.run(EHLO_PLAIN);
      d.send("MAIL FROM:<a@remote.test>\r\nRCPT TO:<bob@ours.test>\r\n");
      d.run("S: 250 *\nS: 250 *");
      d.send("DATA\r\nSubject: x\r\n\r\nbody\r\n.\r\n");
      d.run("S: 554 5.5.0 *");
      d.expectClosed();
      assertThat(d.queued()).isEmpty();
    }
  }

  @Test
  void bytesPipelinedAfterStartTlsAreNeverExecuted_TLS7_SEC1() throws Exception {
    try (Dialogue d = open()) {
      d.run(EHLO_PLAIN);
      d.send("STARTTLS\r\nRSET\r\n");
      d.run("S: 554 5.5.0 *");
      d.expectClosed();
    }
  }

  @Test
  void startTlsResetsTheSession_TLS6() throws Exception {
    try (Dialogue d = open()) {
      d.run(EHLO_PLAIN + """
          C: MAIL FROM:<a@remote.test>
          S: 250 *
          C: STARTTLS
          S: 220 *
          C: RCPT TO:<bob@ours.test>
          S: 503 5.5.1 *
          C: STARTTLS
          S: 503 5.5.1 *
          """);
    }
  }

  @Test
  void authNeedsTlsAndWorksWithPlainAndLogin_EXT5_SEC14() throws Exception {
    try (Dialogue d = open()) {
      d.run(EHLO_PLAIN + """
          C: AUTH PLAIN AGFsaWNlAHNlY3JldA==
          S: 538 5.7.11 *
          """);
    }
    try (Dialogue d = Dialogue.builder().open(spool.resolve("2"))) {
      d.run(EHLO_TLS + """
          C: AUTH PLAIN AGFsaWNlAHdyb25n
          S: 535 5.7.8 *
          C: AUTH PLAIN not-base64!
          S: 501 5.5.2 *
          C: AUTH CRAM-MD5
          S: 504 5.5.4 *
          C: AUTH LOGIN
          S: 334 VXNlcm5hbWU6
          C: *
          S: 501 5.0.0 *
          C: AUTH LOGIN YWxpY2U=
          S: 334 UGFzc3dvcmQ6
          C: c2VjcmV0
          S: 235 2.7.0 *
          C: AUTH PLAIN AGFsaWNlAHNlY3JldA==
          S: 503 5.5.1 *
          C: MAIL FROM:<alice@ours.test>
          S: 250 *
          C: RCPT TO:<anyone@elsewhere.test>
          S: 250 *
          """);
    }
  }

  @Test
  void submissionRequiresTlsThenAuth_EXT6_TLS3() throws Exception {
    try (Dialogue d = Dialogue.builder().kind(org.sealpost.config.ListenerKind.SUBMISSION).open(spool)) {
      d.run(EHLO_PLAIN + """
          C: MAIL FROM:<alice@ours.test>
          S: 530 5.7.0 Must issue a STARTTLS command first
          C: STARTTLS
          S: 220 *
          C: EHLO client.test
          S: 250-*
          S: 250-*
          S: 250-*
          S: 250-*
          S: 250-*
          S: 250-*
          S: 250-*
          S: 250-*
          S: 250-AUTH PLAIN LOGIN
          S: 250 REQUIRETLS
          C: MAIL FROM:<alice@ours.test>
          S: 530 5.7.0 Authentication required
          C: AUTH PLAIN AGFsaWNlAHNlY3JldA==
          S: 235 *
          C: MAIL FROM:<alice@ours.test> REQUIRETLS
          S: 250 *
          """);
    }
  }

  @Test
  void draftSyntaxIsAcceptedOnlyWhenEnabledOnAuthenticatedSubmission_DRAFT9() throws Exception {
    try (Dialogue d =
        Dialogue.builder()
            .kind(org.sealpost.config.ListenerKind.SUBMISSION)
            .draftSyntax(org.sealpost.config.DraftSyntax.ACCEPT)
            .open(spool)) {
      d.run(EHLO_TLS + """
          C: AUTH PLAIN AGFsaWNlAHNlY3JldA==
          S: 235 *
          C: MAIL FROM:<alice@ours.test> REQUIRETLS=DANE
          S: 250 *
          C: RCPT TO:<bob@ours.test>
          S: 250 *
          C: DATA
          S: 354 *
          C: Subject: x
          C:
          C: .
          S: 250 *
          """);
      Envelope e = onlyQueued(d);
      assertThat(e.tlsRequirement()).isEqualTo(TlsRequirement.REQUIRE_TLS);
      assertThat(e.verificationFloor()).isEqualTo(org.sealpost.mail.VerificationFloor.DANE);
    }
  }

  @Test
  void tooManyRecipientsGets452AndKeepsTheOthers_SMTP3() throws Exception {
    var small = limits(2, Defaults.limits().maxMessageSize(), 50);
    try (Dialogue d = Dialogue.builder().limits(small).open(spool)) {
      d.run(EHLO_PLAIN + """
          C: MAIL FROM:<a@remote.test>
          S: 250 *
          C: RCPT TO:<bob@ours.test>
          S: 250 *
          C: RCPT TO:<alice@ours.test>
          S: 250 *
          C: RCPT TO:<postmaster@ours.test>
          S: 452 4.5.3 *
          C: DATA
          S: 354 *
          C: Subject: x
          C:
          C: .
          S: 250 *
          """);
      assertThat(onlyQueued(d).recipients()).hasSize(2);
    }
  }

  @Test
  void oversizedMessageIsRefusedAfterData_EXT4() throws Exception {
    var small = limits(Defaults.limits().maxRecipients(), 100, Defaults.limits().maxErrors());
    try (Dialogue d = Dialogue.builder().limits(small).open(spool)) {
      d.run(EHLO_PLAIN.replace("SIZE 52428800", "SIZE 100") + """
          C: MAIL FROM:<a@remote.test>
          S: 250 *
          C: RCPT TO:<bob@ours.test>
          S: 250 *
          C: DATA
          S: 354 *
          """);
      d.send("Subject: x\r\n\r\n" + "y".repeat(500) + "\r\n.\r\nNOOP\r\n");
      d.run("S: 552 5.3.4 *\nS: 250 2.0.0 Ok");
      assertThat(d.queued()).isEmpty();
    }
  }

  @Test
  void mailLoopsAreRefused_SMTP9() throws Exception {
    try (Dialogue d = open()) {
      d.run(EHLO_PLAIN);
      d.send("MAIL FROM:<a@remote.test>\r\nRCPT TO:<bob@ours.test>\r\nDATA\r\n");
      d.run("S: 250 *\nS: 250 *\nS: 354 *");
      d.send(message("Received: from x by y; Mon, 1 Jan 2024 00:00:00 +0000\r\n".repeat(100)));
      d.run("S: 554 5.4.6 *");
      assertThat(d.queued()).isEmpty();
    }
  }

  @Test
  void chunkingAcceptsMessagesInBdatChunks_RFC3030() throws Exception {
    try (Dialogue d = open()) {
      d.run(EHLO_PLAIN + """
          C: MAIL FROM:<a@remote.test>
          S: 250 *
          C: RCPT TO:<bob@ours.test>
          S: 250 *
          """);
      d.send("BDAT 14\r\nSubject: x\r\n\r\n");
      d.run("S: 250 2.0.0 14 octets received");
      d.send("BDAT 7 LAST\r\n.body\r\n");
      d.run("S: 250 2.0.0 Ok: queued as *");
      try (InputStream in = d.queued().getFirst().openContent()) {
        // BDAT content is not dot-unstuffed (RFC 3030 §2).
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).endsWith("Subject: x\r\n\r\n.body\r\n");
      }
    }
  }

  @Test
  void bdatWithoutRecipientsIsReadAndRefused_RFC3030() throws Exception {
    try (Dialogue d = open()) {
      d.run(EHLO_PLAIN);
      d.send("BDAT 5 LAST\r\nabcde");
      d.run("S: 503 5.5.1 *");
      d.send("NOOP\r\n");
      d.run("S: 250 2.0.0 Ok");
    }
  }

  @Test
  void bareLineFeedInBdatIsRefused_SEC5() throws Exception {
    try (Dialogue d = open()) {
      d.run(EHLO_PLAIN + """
          C: MAIL FROM:<a@remote.test>
          S: 250 *
          C: RCPT TO:<bob@ours.test>
          S: 250 *
          """);
      d.send("BDAT 6 LAST\r\nab\ncd\n");
      d.run("S: 550 5.6.0 *");
      assertThat(d.queued()).isEmpty();
    }
  }

  @Test
  void tooManyErrorsEndTheSession_SEC9() throws Exception {
    try (Dialogue d = open()) {
      d.run("S: 220 *");
      for (int i = 0; i < 9; i++) {
        d.run("C: BOGUS\nS: 500 5.5.2 *");
      }
      d.run("C: BOGUS\nS: 500 5.5.2 *\nS: 421 4.7.0 *");
      d.expectClosed();
    }
  }

  @Test
  void pipelinedCommandsGetOneReplyEachInOrder_EXT1() throws Exception {
    try (Dialogue d = open()) {
      d.run(EHLO_PLAIN);
      d.send("MAIL FROM:<a@remote.test>\r\nRCPT TO:<bob@ours.test>\r\nRCPT TO:<x@elsewhere.test>\r\nRSET\r\nNOOP\r\n");
      d.run("""
          S: 250 2.1.0 Ok
          S: 250 2.1.5 Ok
          S: 550 5.7.1 *
          S: 250 2.0.0 Ok
          S: 250 2.0.0 Ok
          """);
    }
  }

  @Test
  void smtpUtf8AddressesNeedTheParameter_EXT3() throws Exception {
    try (Dialogue d = open()) {
      d.run(EHLO_PLAIN + """
          C: MAIL FROM:<jörg@remote.test>
          S: 553 5.6.7 *
          C: MAIL FROM:<jörg@remote.test> SMTPUTF8
          S: 250 *
          C: RCPT TO:<bob@ours.test>
          S: 250 *
          C: DATA
          S: 354 *
          C: Subject: x
          C:
          C: .
          S: 250 *
          """);
      Envelope e = onlyQueued(d);
      assertThat(e.smtpUtf8()).isTrue();
      assertThat(e.reversePath().localPart()).isEqualTo("jörg");
    }
  }

  @Test
  void requireTlsIsNeitherOfferedNorAcceptedWhenDeliveryDoesNotEnforceIt_RT3() throws Exception {
    try (Dialogue d = Dialogue.builder().withoutRequireTls().open(spool)) {
      d.run(EHLO_TLS.replace("S: 250-AUTH PLAIN LOGIN\nS: 250 REQUIRETLS", "S: 250 AUTH PLAIN LOGIN") + """
          C: MAIL FROM:<a@remote.test> REQUIRETLS
          S: 555 5.5.4 *
          """);
    }
  }

  @Test
  void heloSessionsTakeNoParameters() throws Exception {
    try (Dialogue d = open()) {
      d.run("""
          S: 220 *
          C: HELO client.test
          S: 250 mx.ours.test
          C: MAIL FROM:<a@remote.test> SIZE=10
          S: 555 5.5.4 *
          """);
    }
  }
}
