package org.sealpost.testing;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.sealpost.smtp.Reply;
import org.sealpost.smtp.Verb;

/**
 * A scripted override for one point of a conversation, given to {@link FakeSmtpPeer#enqueue(Rule)}.
 * A rule says where it applies (the greeting, the next command with a verb, the next RCPT of an
 * address, the reply after a body) and what happens there instead of the default. Rules are used
 * once, by whichever connection reaches their point first, in the order enqueued; {@link #always()}
 * keeps one in force.
 *
 * <pre>{@code
 * peer.enqueue(Rule.command(Verb.MAIL).reply(451, "4.3.0", "Try again later"));
 * peer.enqueue(Rule.rcpt("nobody@dest.test").reply(550, "5.1.1", "No such user"));
 * peer.enqueue(Rule.endOfData().reply(552, "5.3.4", "Too big"));
 * peer.enqueue(Rule.dropDuringData(100));                    // 354, 100 body bytes, then close
 * peer.enqueue(Rule.command(Verb.RCPT).delay(Duration.ofSeconds(2)));   // default reply, late
 * peer.enqueue(Rule.greeting().thenClose());                 // greet, then hang up
 * }</pre>
 *
 * <p>When a rule changes a reply, the peer acts on the reply it sent: a MAIL answered 451 opens no
 * transaction, a DATA answered 554 reads no body. Immutable.
 */
public final class Rule {

  /** Where a rule applies. */
  enum Point { GREETING, COMMAND, END_OF_DATA }

  private final Point point;
  private final @Nullable Verb verb;
  private final @Nullable String address;
  private final @Nullable Reply reply;
  private final Duration delay;
  private final boolean closeAfter;
  private final boolean closeInstead;
  private final long dropAfterBytes;
  private final boolean always;

  private Rule(Point point, @Nullable Verb verb, @Nullable String address, @Nullable Reply reply,
      Duration delay, boolean closeAfter, boolean closeInstead, long dropAfterBytes,
      boolean always) {
    this.point = point;
    this.verb = verb;
    this.address = address;
    this.reply = reply;
    this.delay = delay;
    this.closeAfter = closeAfter;
    this.closeInstead = closeInstead;
    this.dropAfterBytes = dropAfterBytes;
    this.always = always;
  }

  private static Rule at(Point point, @Nullable Verb verb, @Nullable String address) {
    return new Rule(point, verb, address, null, Duration.ZERO, false, false, -1, false);
  }

  /** The greeting (a {@code 554} greeting, a slow one, or a greeting followed by a hang-up). */
  public static Rule greeting() {
    return at(Point.GREETING, null, null);
  }

  /** The next command with this verb (for {@link Verb#UNKNOWN}: any unknown verb). */
  public static Rule command(Verb verb) {
    return at(Point.COMMAND, Objects.requireNonNull(verb), null);
  }

  /** The next RCPT for this address (compared case-insensitively, without angle brackets). */
  public static Rule rcpt(String address) {
    return at(Point.COMMAND, Verb.RCPT, address.toLowerCase(Locale.ROOT));
  }

  /** The next reply after a complete body (DATA or BDAT LAST); in LMTP, one recipient's reply. */
  public static Rule endOfData() {
    return at(Point.END_OF_DATA, null, null);
  }

  /** LMTP: the reply after the body for this recipient. */
  public static Rule endOfData(String recipient) {
    return at(Point.END_OF_DATA, null, recipient.toLowerCase(Locale.ROOT));
  }

  /**
   * The next DATA: reply {@code 354}, read {@code bytes} octets of the body, then close the
   * connection without a reply, as a peer that crashes mid-message does.
   */
  public static Rule dropDuringData(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("negative byte count");
    }
    return new Rule(Point.COMMAND, Verb.DATA, null, null, Duration.ZERO, false, false, bytes,
        false);
  }

  /** Send this reply instead of the default one. */
  public Rule reply(Reply reply) {
    return new Rule(point, verb, address, Objects.requireNonNull(reply), delay, closeAfter,
        closeInstead, dropAfterBytes, always);
  }

  /** Send {@code Reply.of(code, enhancedStatus, text)} instead of the default one. */
  public Rule reply(int code, String enhancedStatus, String text) {
    return reply(Reply.of(code, enhancedStatus, text));
  }

  /** Wait this long before replying (to test the client's timeouts). */
  public Rule delay(Duration delay) {
    return new Rule(point, verb, address, reply, delay, closeAfter, closeInstead, dropAfterBytes,
        always);
  }

  /** Close the connection right after the reply. */
  public Rule thenClose() {
    return new Rule(point, verb, address, reply, delay, true, closeInstead, dropAfterBytes, always);
  }

  /** Close the connection instead of replying. */
  public Rule closeWithoutReply() {
    return new Rule(point, verb, address, reply, delay, closeAfter, true, dropAfterBytes, always);
  }

  /** Apply to every match, not only the first. */
  public Rule always() {
    return new Rule(point, verb, address, reply, delay, closeAfter, closeInstead, dropAfterBytes,
        true);
  }

  boolean matches(Point at, @Nullable Verb commandVerb, @Nullable String commandAddress) {
    if (at != point || (point == Point.COMMAND && verb != commandVerb)) {
      return false;
    }
    return address == null
        || (commandAddress != null && address.equals(commandAddress.toLowerCase(Locale.ROOT)));
  }

  @Nullable Reply reply() {
    return reply;
  }

  Duration delay() {
    return delay;
  }

  boolean closeAfter() {
    return closeAfter;
  }

  boolean closeInstead() {
    return closeInstead;
  }

  /** Body octets to read before closing; negative when the rule does not drop mid-DATA. */
  long dropAfterBytes() {
    return dropAfterBytes;
  }

  boolean isAlways() {
    return always;
  }

  @Override
  public String toString() {
    return "Rule[" + point + (verb == null ? "" : " " + verb) + (address == null ? "" : " " + address)
        + (reply == null ? "" : " reply=" + reply) + "]";
  }
}
