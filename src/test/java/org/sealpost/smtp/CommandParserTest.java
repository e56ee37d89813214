package org.sealpost.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sealpost.mail.MailAddress;

/**
 * Table tests for MAIL/RCPT paths and parameters (RFC 5321 §4.1.2), EHLO and BDAT arguments. An
 * expectation is either the parsed value rendered as text or {@code "code status"} of the refusal.
 */
class CommandParserTest {

  private static final String LONG_LOCAL = "l".repeat(65);
  private static final String LONG_DOMAIN = ("d".repeat(60) + ".").repeat(4) + "example"; // 251
  private static final String LABEL63 = "a".repeat(63);

  /** MAIL FROM argument -> expected. */
  private static final List<String[]> MAIL = List.of(
      row("FROM:<alice@example.org>", "alice@example.org []"),
      row("from:<Alice@Example.ORG>", "Alice@example.org []"), // SMTP-11: local part keeps case
      row("FROM:<>", "<> []"),
      row("FROM: <alice@example.org>", "alice@example.org []"), // tolerated space after colon
      row("FROM:<> REQUIRETLS", "<> [REQUIRETLS]"), // RT-9
      row("FROM:<a@b.example> SIZE=1000 BODY=8BITMIME", "a@b.example [SIZE=1000, BODY=8BITMIME]"),
      row("FROM:<a@b.example>  size=10  ", "a@b.example [SIZE=10]"),
      row("FROM:<a@b.example> ", "a@b.example []"),
      row("FROM:<@relay.example,@r2.example:a@b.example>", "a@b.example []"), // SEC-7 route dropped
      row("FROM:<\"john doe\"@example.org>", "\"john doe\"@example.org []"),
      row("FROM:<\"a\\\"b@c\"@example.org>", "\"a\\\"b@c\"@example.org []"),
      row("FROM:<a@[192.0.2.1]>", "a@[192.0.2.1] []"),
      row("FROM:<a@[IPv6:2001:db8::1]>", "a@[ipv6:2001:db8::1] []"),
      row("FROM:<user%other.example@us.example>", "user%other.example@us.example []"),
      row("FROM:<other!user@us.example>", "other!user@us.example []"),
      row("FROM:<a@b.example.>", "501 5.1.7"),
      row("FROM:<j\u00f6ran@b\u00fccher.example> SMTPUTF8", "j\u00f6ran@xn--bcher-kva.example [SMTPUTF8]"),
      row("FROM:<j\u00f6ran@example.org>", "553 5.6.7"), // EXT-3
      row("FROM:<a@b\u00fccher.example>", "553 5.6.7"),
      row("FROM:<a@xn--bcher-kva.example>", "a@xn--bcher-kva.example []"), // A-labels are ASCII
      row("FROM:<" + LONG_LOCAL + "@example.org>", "501 5.1.7"),
      row("FROM:<" + "l".repeat(64) + "@example.org>", "llllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllll@example.org []"),
      row("FROM:<a@" + LONG_DOMAIN + ".x>", "501 5.1.7"),
      row("FROM:<" + "l".repeat(64) + "@" + LABEL63 + "." + LABEL63 + "." + LABEL63 + "." + "b".repeat(60) + ">", "501 5.1.7"),
      row("FROM:alice@example.org", "501 5.5.2"),
      row("FROM <alice@example.org>", "501 5.5.2"),
      row("TO:<alice@example.org>", "501 5.5.2"),
      row("", "501 5.5.2"),
      row("FROM:<alice@example.org", "501 5.1.7"),
      row("FROM:<alice>", "501 5.1.7"),
      row("FROM:<postmaster>", "501 5.1.7"), // bare postmaster only as a recipient
      row("FROM:<@example.org>", "501 5.1.7"),
      row("FROM:<a..b@example.org>", "501 5.1.7"),
      row("FROM:<.a@example.org>", "501 5.1.7"),
      row("FROM:<a b@example.org>", "501 5.1.7"),
      row("FROM:<a@-bad.example>", "501 5.1.7"),
      row("FROM:<a@bad-.example>", "501 5.1.7"),
      row("FROM:<a@under_score.example>", "501 5.1.7"),
      row("FROM:<a@[300.0.0.1]>", "501 5.1.7"),
      row("FROM:<a@[1.2.3]>", "501 5.1.7"),
      row("FROM:<a@[IPv6:2001:db8::1%eth0]>", "501 5.1.7"),
      row("FROM:<a@[tag:content]>", "501 5.1.7"),
      row("FROM:<@relay.example:a@b.example", "501 5.1.7"),
      row("FROM:<@relay.example a@b.example>", "501 5.1.7"),
      row("FROM:<\"unterminated@example.org>", "501 5.1.7"),
      row("FROM:<a@b.example>SIZE=1", "501 5.5.4"),
      row("FROM:<a@b.example> SIZE=", "501 5.5.4"),
      row("FROM:<a@b.example> =1", "501 5.5.4"),
      row("FROM:<a@b.example> -X=1", "501 5.5.4"),
      row("FROM:<a@b.example> X=a=b", "501 5.5.4"),
      row("FROM:<a@b.example> SI_ZE=1", "501 5.5.4"));

  /** RCPT TO argument (SMTPUTF8 not given) -> expected. */
  private static final List<String[]> RCPT = List.of(
      row("TO:<bob@example.net>", "bob@example.net []"),
      row("to: <bob@example.net>", "bob@example.net []"),
      row("TO:<postmaster>", "postmaster []"), // SMTP-14
      row("TO:<PostMaster>", "postmaster []"),
      row("TO:<Postmaster@Example.net>", "Postmaster@example.net []"),
      row("TO:<\"postmaster\">", "501 5.1.3"),
      row("TO:<bob>", "501 5.1.3"),
      row("TO:<>", "501 5.1.3"),
      row("TO:<@a.example,@b.example:bob@c.example>", "bob@c.example []"),
      row("TO:<bob@example.net> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;bob+40example.net",
          "bob@example.net [NOTIFY=SUCCESS,FAILURE, ORCPT=rfc822;bob+40example.net]"),
      row("TO:<b\u00f6b@example.net>", "553 5.6.7"),
      row("TO:<" + LONG_LOCAL + "@example.net>", "501 5.1.3"),
      row("TO:<bob@example.net", "501 5.1.3"),
      row("FROM:<bob@example.net>", "501 5.5.2"),
      row("TO:bob@example.net", "501 5.5.2"));

  private static String[] row(String in, String out) {
    return new String[] {in, out};
  }

  @Test
  void parsesMailFromTable() {
    for (String[] row : MAIL) {
      assertThat(render(CommandParser.mailFrom(row[0]))).as(row[0]).isEqualTo(row[1]);
    }
  }

  @Test
  void parsesRcptToTable() {
    for (String[] row : RCPT) {
      assertThat(render(CommandParser.rcptTo(row[0], false))).as(row[0]).isEqualTo(row[1]);
    }
  }

  @Test
  void acceptsUtf8RecipientsOnlyAfterSmtpUtf8() { // EXT-3
    assertThat(render(CommandParser.rcptTo("TO:<b\u00f6b@\u00e9x.example>", true)))
        .isEqualTo("b\u00f6b@xn--x-9fa.example []");
    assertThat(render(CommandParser.rcptTo("TO:<b\u00f6b@\u00e9x.example>", false))).isEqualTo("553 5.6.7");
  }

  @Test
  void pathLongerThan256OctetsIsRefused() { // SMTP-3
    String local = "l".repeat(64);
    String domain = LABEL63 + "." + LABEL63 + "." + LABEL63 + "." + "b".repeat(59); // 251
    assertThat(render(CommandParser.rcptTo("TO:<" + local + "@" + domain + ">", false))).isEqualTo("501 5.1.3");
    Parsed<RcptToCommand> r = CommandParser.rcptTo("TO:<" + local + "@" + domain + ">", false);
    assertThat(((Parsed.Invalid<RcptToCommand>) r).reply().text()).isEqualTo("Path too long");
  }

  @Test
  void refusalsCarrySafeTextAndTheRightCodes() {
    Parsed<MailFromCommand> p = CommandParser.mailFrom("FROM:<a b@c>");
    assertThat(p).isInstanceOf(Parsed.Invalid.class);
    assertThat(((Parsed.Invalid<MailFromCommand>) p).reply().toString())
        .isEqualTo("501 5.1.7 Bad sender address syntax");
  }

  @Test
  void flagsRelayTricksThatAreLegalSyntax() { // SEC-7
    assertThat(CommandParser.hasRoutingCharacters(MailAddress.parse("user%other.example@us.example"))).isTrue();
    assertThat(CommandParser.hasRoutingCharacters(MailAddress.parse("other!user@us.example"))).isTrue();
    MailAddress quoted = ((ForwardPath.Mailbox) ((Parsed.Ok<RcptToCommand>)
        CommandParser.rcptTo("TO:<\"user@other.example\"@us.example>", false)).value().forwardPath()).address();
    assertThat(quoted.localPart()).isEqualTo("\"user@other.example\"");
    assertThat(CommandParser.hasRoutingCharacters(quoted)).isTrue();
    assertThat(CommandParser.hasRoutingCharacters(MailAddress.parse("plain.user@us.example"))).isFalse();
  }

  @Test
  void checksHeloArguments() { // SEC-8
    List<String[]> table = List.of(
        row("client.example", "client.example"),
        row("Client.Example.", "client.example"),
        row("localhost", "localhost"),
        row("my_host.example", "my_host.example"),
        row("[192.0.2.1]", "[192.0.2.1]"),
        row("[IPv6:::1]", "[ipv6:::1]"),
        row("", "501 5.5.4"),
        row("client.example extra", "501 5.5.4"),
        row("client.example\u0000", "501 5.5.4"),
        row("bad!name", "501 5.5.4"),
        row("-bad.example", "501 5.5.4"),
        row("a..b", "501 5.5.4"),
        row("[192.0.2.256]", "501 5.5.4"),
        row("[IPv6:zz::1]", "501 5.5.4"),
        row("[client.example]", "501 5.5.4"),
        row("b\u00fccher.example", "501 5.5.4"),
        row("x".repeat(256), "501 5.5.4"));
    for (String[] r : table) {
      String got = switch (CommandParser.helo(r[0])) {
        case Parsed.Ok<?>(var d) -> d.toString();
        case Parsed.Invalid<?>(Reply reply) -> reply.code() + " " + reply.status();
      };
      assertThat(got).as(r[0]).isEqualTo(r[1]);
    }
  }

  @Test
  void parsesBdatArguments() { // RFC 3030 §2
    List<String[]> table = List.of(
        row("100", "100 false"),
        row("0 LAST", "0 true"),
        row("25 last", "25 true"),
        row("999999999999999999", "999999999999999999 false"),
        row("", "501 5.5.4"),
        row("LAST", "501 5.5.4"),
        row("-1", "501 5.5.4"),
        row("1 FIRST", "501 5.5.4"),
        row("1 LAST x", "501 5.5.4"),
        row("1000000000000000000", "501 5.5.4"),
        row("0x10", "501 5.5.4"));
    for (String[] r : table) {
      String got = switch (CommandParser.bdat(r[0])) {
        case Parsed.Ok<BdatCommand>(BdatCommand b) -> b.size() + " " + b.last();
        case Parsed.Invalid<BdatCommand>(Reply reply) -> reply.code() + " " + reply.status();
      };
      assertThat(got).as(r[0]).isEqualTo(r[1]);
    }
  }

  @Test
  void splitsVerbAndArgument() {
    assertThat(Command.parse("mail FROM:<a@b>")).isEqualTo(new Command(Verb.MAIL, "mail", "FROM:<a@b>"));
    assertThat(Command.parse("StartTLS")).isEqualTo(new Command(Verb.STARTTLS, "StartTLS", ""));
    assertThat(Command.parse("QUIT  ").hasArgument()).isFalse();
    assertThat(Command.parse("XYZZY now").verb()).isEqualTo(Verb.UNKNOWN);
    assertThat(Command.parse("").verb()).isEqualTo(Verb.UNKNOWN);
    assertThat(Command.parse("UNKNOWN").verb()).isEqualTo(Verb.UNKNOWN);
    for (Verb v : Verb.values()) {
      if (v != Verb.UNKNOWN) {
        assertThat(Verb.of(v.name().toLowerCase(java.util.Locale.ROOT))).isEqualTo(v);
      }
    }
  }

  private static String render(Parsed<?> parsed) {
    return switch (parsed) {
      case Parsed.Invalid<?>(Reply reply) -> reply.code() + " " + reply.status();
      case Parsed.Ok<?>(MailFromCommand m) -> switch (m.reversePath()) {
        case ReversePath.Null n -> "<>";
        case ReversePath.Mailbox(MailAddress a) -> a.toString();
      } + " " + m.parameters().list();
      case Parsed.Ok<?>(RcptToCommand r) -> switch (r.forwardPath()) {
        case ForwardPath.Postmaster p -> "postmaster";
        case ForwardPath.Mailbox(MailAddress a) -> a.toString();
      } + " " + r.parameters().list();
      case Parsed.Ok<?> other -> throw new AssertionError(other);
    };
  }
}
