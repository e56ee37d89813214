package org.sealpost.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sealpost.config.Defaults;
import org.sealpost.config.LocalConfig;
import org.sealpost.mail.Domain;
import org.sealpost.mail.MailAddress;

class RelayPolicyTest {

  private final RelayPolicy policy =
      new RelayPolicy(
          new LocalConfig(List.of(Domain.of("ours.test")), List.of("bob", "Alice"), "bob"),
          Defaults.relay());
  private final InetAddress outsider = addr("192.0.2.9");
  private final InetAddress loopback = addr("127.0.0.1");

  private static InetAddress addr(String s) {
    try {
      return InetAddress.getByName(s);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private String verdict(String rcpt, InetAddress client, boolean auth) {
    return switch (policy.decide(MailAddress.parse(rcpt), client, auth)) {
      case RecipientDecision.Local l -> "local:" + l.mailbox();
      case RecipientDecision.Relay r -> "relay";
      case RecipientDecision.Refused r -> r.code() + " " + r.status();
    };
  }

  @Test
  void localMailboxesAreAcceptedFromAnyone() {
    assertThat(verdict("bob@ours.test", outsider, false)).isEqualTo("local:bob");
    assertThat(verdict("ALICE@Ours.Test.", outsider, false)).isEqualTo("local:alice");
  }

  @Test
  void unknownLocalMailboxIsRefusedAtRcpt_SEC10() {
    assertThat(verdict("carol@ours.test", outsider, false)).isEqualTo("550 5.1.1");
  }

  @Test
  void postmasterAlwaysExists_SMTP14() {
    assertThat(verdict("PostMaster@ours.test", outsider, false)).isEqualTo("local:bob");
  }

  @Test
  void remoteDomainsNeedTrustOrAuth_SEC7() {
    assertThat(verdict("x@remote.test", outsider, false)).isEqualTo("550 5.7.1");
    assertThat(verdict("x@remote.test", outsider, true)).isEqualTo("relay");
    assertThat(verdict("x@remote.test", loopback, false)).isEqualTo("relay");
  }

  @Test
  void senderRoutingTricksAreRefused_SEC7() {
    assertThat(verdict("x%remote.test@ours.test", outsider, false)).isEqualTo("550 5.7.1");
    assertThat(verdict("remote.test!x@ours.test", outsider, false)).isEqualTo("550 5.7.1");
    assertThat(verdict("\"x@remote.test\"@ours.test", outsider, false)).isEqualTo("550 5.7.1");
  }

  @Test
  void addressLiteralsAreNotLocal_SEC7() {
    assertThat(verdict("bob@[192.0.2.1]", outsider, false)).isEqualTo("550 5.7.1");
  }
}
