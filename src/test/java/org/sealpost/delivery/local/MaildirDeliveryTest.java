package org.sealpost.delivery.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sealpost.delivery.DeliveryOutcome;
import org.sealpost.delivery.Destination;
import org.sealpost.delivery.MessageContent;
import org.sealpost.delivery.OutboundMessage;
import org.sealpost.delivery.RecipientOutcome;
import org.sealpost.mail.BodyType;
import org.sealpost.mail.ClientInfo;
import org.sealpost.mail.Envelope;
import org.sealpost.mail.MailAddress;
import org.sealpost.mail.QueueId;
import org.sealpost.mail.Recipient;
import org.sealpost.mail.Ret;
import org.sealpost.mail.TlsRequirement;
import org.sealpost.mail.VerificationFloor;

@TestMethodOrder(MethodOrderer.Random.class)
class MaildirDeliveryTest {

  private static final Instant NOW = Instant.parse("2025-03-14T09:26:53.589793Z");
  private static final byte[] CONTENT =
      "Received: from a by b; Fri, 14 Mar 2025 09:26:53 +0000\r\nSubject: hi\r\n\r\nHello\r\n"
          .getBytes(StandardCharsets.US_ASCII);

  @TempDir Path root;

  private MaildirDelivery delivery() {
    return new MaildirDelivery(root, "mail.example.org", InstantSource.fixed(NOW));
  }

  @Test
  void storesInNewWithReturnPathAndDeliveredToFirst() throws IOException {
    Recipient bob = Recipient.of(MailAddress.parse("bob@example.org"));
    List<RecipientOutcome> outcomes =
        delivery().deliver(message(MailAddress.parse("alice@example.net"), bob), new Destination.Local("bob"), List.of(bob));

    assertThat(outcomes).singleElement().satisfies(o -> {
      assertThat(o.recipient()).isEqualTo(bob);
      assertThat(o.outcome()).isInstanceOf(DeliveryOutcome.Delivered.class);
      assertThat(o.outcome().status()).hasToString("2.0.0");
    });
    List<Path> files = files(root.resolve("bob/Maildir/new"));
    assertThat(files).hasSize(1);
    // SMTP-8: Return-Path is added at final delivery, above everything else.
    assertThat(Files.readString(files.getFirst()))
        .isEqualTo("Return-Path: <alice@example.net>\r\nDelivered-To: bob@example.org\r\n"
            + new String(CONTENT, StandardCharsets.US_ASCII));
    assertThat(root.resolve("bob/Maildir/tmp")).isEmptyDirectory();
    assertThat(root.resolve("bob/Maildir/cur")).isEmptyDirectory();
  }

  @Test
  void aMissingRootIsCreatedOnFirstDelivery() throws IOException {
    Path fresh = root.resolve("var/mail");
    Recipient bob = Recipient.of(MailAddress.parse("bob@example.org"));
    List<RecipientOutcome> outcomes =
        new MaildirDelivery(fresh, "mail.example.org", InstantSource.fixed(NOW))
            .deliver(message(null, bob), new Destination.Local("bob"), List.of(bob));
    assertThat(outcomes.getFirst().outcome()).isInstanceOf(DeliveryOutcome.Delivered.class);
    assertThat(files(fresh.resolve("bob/Maildir/new"))).hasSize(1);
  }

  @Test
  void nullSenderGetsAnEmptyReturnPath() throws IOException {
    Recipient bob = Recipient.of(MailAddress.parse("bob@example.org"));
    delivery().deliver(message(null, bob), new Destination.Local("bob"), List.of(bob));

    // SMTP-8, RFC 5321 §4.4: the null reverse path is recorded as <>.
    assertThat(Files.readString(files(root.resolve("bob/Maildir/new")).getFirst()))
        .startsWith("Return-Path: <>\r\nDelivered-To: bob@example.org\r\n");
  }

  @Test
  void storesOneCopyPerRecipientEvenInTheSameMailbox() throws IOException {
    Recipient bob = Recipient.of(MailAddress.parse("bob@example.org"));
    Recipient postmaster = Recipient.of(MailAddress.parse("postmaster@example.org"));
    List<RecipientOutcome> outcomes =
        delivery().deliver(message(MailAddress.parse("alice@example.net"), bob, postmaster),
            new Destination.Local("bob"), List.of(bob, postmaster));

    assertThat(outcomes).extracting(RecipientOutcome::recipient).containsExactly(bob, postmaster);
    assertThat(outcomes).allSatisfy(o -> assertThat(o.outcome()).isInstanceOf(DeliveryOutcome.Delivered.class));
    List<String> deliveredTo = files(root.resolve("bob/Maildir/new")).stream()
        .map(MaildirDeliveryTest::read)
        .map(s -> s.lines().skip(1).findFirst().orElseThrow())
        .sorted()
        .toList();
    assertThat(deliveredTo)
        .containsExactly("Delivered-To: bob@example.org", "Delivered-To: postmaster@example.org");
  }

  @Test
  void namesFilesByTimePidCounterAndHost() throws IOException {
    MaildirDelivery slashHost = new MaildirDelivery(root, "odd/host:name", InstantSource.fixed(NOW));
    Recipient bob = Recipient.of(MailAddress.parse("bob@example.org"));
    slashHost.deliver(message(null, bob), new Destination.Local("bob"), List.of(bob));
    slashHost.deliver(message(null, bob), new Destination.Local("bob"), List.of(bob));

    List<String> names = files(root.resolve("bob/Maildir/new")).stream().map(p -> p.getFileName().toString()).toList();
    long pid = ProcessHandle.current().pid();
    assertThat(names).hasSize(2).allMatch(n -> n.matches(
        "1741944413\\.M589793P" + pid + "Q\\d+\\.odd\\\\057host\\\\072name"));
    assertThat(names.get(0)).isNotEqualTo(names.get(1));
  }

  @Test
  void fileWhereTheMaildirShouldBeDefersWithThePath() throws IOException {
    Files.createDirectories(root.resolve("bob"));
    Files.writeString(root.resolve("bob/Maildir"), "not a folder");
    Recipient bob = Recipient.of(MailAddress.parse("bob@example.org"));

    List<RecipientOutcome> outcomes =
        delivery().deliver(message(null, bob), new Destination.Local("bob"), List.of(bob));

    DeliveryOutcome outcome = outcomes.getFirst().outcome();
    assertThat(outcome).isInstanceOf(DeliveryOutcome.Deferred.class);
    assertThat(outcome.status()).hasToString("4.3.0");
    assertThat(outcome.reason()).contains("bob/Maildir").doesNotContain(root.toString());
    assertThat(Files.readString(root.resolve("bob/Maildir"))).isEqualTo("not a folder");
  }

  @Test
  void unwritableTmpDefersAndLeavesNothingBehind() throws IOException {
    Files.createDirectories(root.resolve("bob/Maildir/new"));
    Files.createDirectories(root.resolve("bob/Maildir/cur"));
    Files.writeString(root.resolve("bob/Maildir/tmp"), "a file, not a folder");
    Recipient bob = Recipient.of(MailAddress.parse("bob@example.org"));

    DeliveryOutcome outcome =
        delivery().deliver(message(null, bob), new Destination.Local("bob"), List.of(bob)).getFirst().outcome();

    assertThat(outcome).isInstanceOf(DeliveryOutcome.Deferred.class);
    assertThat(outcome.reason()).startsWith("cannot store in maildir bob/Maildir/tmp");
    assertThat(root.resolve("bob/Maildir/new")).isEmptyDirectory();
  }

  @Test
  void contentThatCannotBeReadDefers() {
    Recipient bob = Recipient.of(MailAddress.parse("bob@example.org"));
    MessageContent broken = new MessageContent() {
      @Override
      public InputStream open() throws IOException {
        throw new IOException("queue file vanished");
      }

      @Override
      public long size() {
        return 10;
      }
    };
    OutboundMessage message = new OutboundMessage(envelope(null, bob), broken);

    DeliveryOutcome outcome = delivery().deliver(message, new Destination.Local("bob"), List.of(bob)).getFirst().outcome();

    assertThat(outcome).isInstanceOf(DeliveryOutcome.Deferred.class);
    assertThat(root.resolve("bob/Maildir/tmp")).isEmptyDirectory();
    assertThat(root.resolve("bob/Maildir/new")).isEmptyDirectory();
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", ".", "", "../etc", "a/b", "/abs", "a\\b", "bad\nname"})
  void refusesMailboxNamesThatLeaveTheRoot(String mailbox) throws IOException {
    Recipient bob = Recipient.of(MailAddress.parse("bob@example.org"));
    DeliveryOutcome outcome =
        delivery().deliver(message(null, bob), new Destination.Local(mailbox), List.of(bob)).getFirst().outcome();

    assertThat(outcome).isInstanceOf(DeliveryOutcome.Failed.class);
    assertThat(outcome.status()).hasToString("5.3.5");
    assertThat(outcome.reason()).doesNotContain("\n");
    assertThat(root).isEmptyDirectory();
    assertThat(root.resolveSibling("etc").resolve("Maildir")).doesNotExist();
  }

  @Test
  void reusesAnExistingMaildir() throws IOException {
    Files.createDirectories(root.resolve("bob/Maildir/cur"));
    Files.writeString(root.resolve("bob/Maildir/cur/old:2,S"), "seen");
    Recipient bob = Recipient.of(MailAddress.parse("bob@example.org"));

    delivery().deliver(message(null, bob), new Destination.Local("bob"), List.of(bob));

    assertThat(files(root.resolve("bob/Maildir/new"))).hasSize(1);
    assertThat(files(root.resolve("bob/Maildir/cur"))).hasSize(1);
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  private static OutboundMessage message(@Nullable MailAddress sender, Recipient... recipients) {
    MessageContent content = MessageContent.of(CONTENT);
    return new OutboundMessage(envelope(sender, recipients), content);
  }

  private static Envelope envelope(@Nullable MailAddress sender, Recipient... recipients) {
    return new Envelope(
        QueueId.generate(NOW),
        NOW,
        new ClientInfo("192.0.2.1", 25, "client.example", "mx", null, null),
        sender,
        List.of(recipients),
        BodyType.SEVEN_BIT,
        false,
        0,
        null,
        Ret.NOT_GIVEN,
        TlsRequirement.UNSPECIFIED,
        VerificationFloor.NONE);
  }
}
