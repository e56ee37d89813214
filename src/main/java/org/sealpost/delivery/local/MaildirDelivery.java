package org.sealpost.delivery.local;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.sealpost.delivery.Deliverer;
import org.sealpost.delivery.DeliveryOutcome;
import org.sealpost.delivery.Destination;
import org.sealpost.delivery.OutboundMessage;
import org.sealpost.delivery.RecipientOutcome;
import org.sealpost.mail.EnhancedStatus;
import org.sealpost.mail.MailAddress;
import org.sealpost.mail.Recipient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers to {@link Destination.Local} mailboxes as {@code <root>/<mailbox>/Maildir/new/<unique>}:
 * one copy per recipient, each with its own {@code Return-Path} and {@code Delivered-To} fields.
 * Write to {@code tmp/}, fsync, rename into {@code new/}, fsync {@code new/}: only then is the
 * outcome {@code Delivered}. Storage failures are {@code Deferred 4.3.0} with the path in the reason.
 */
public final class MaildirDelivery implements Deliverer {

  private static final Logger log = LoggerFactory.getLogger(MaildirDelivery.class);

  private static final EnhancedStatus STORED = EnhancedStatus.of("2.0.0");
  private static final EnhancedStatus STORAGE_TROUBLE = EnhancedStatus.of("4.3.0");
  private static final EnhancedStatus MISCONFIGURED = EnhancedStatus.of("5.3.5");

  private final Path root;
  private final InstantSource clock;
  private final MaildirFileName names;

  /**
   * @param root the folder holding one sub-folder per mailbox
   * @param hostname this host's name, part of every file name
   * @param clock the time in file names
   */
  public MaildirDelivery(Path root, String hostname, InstantSource clock) {
    this.root = root.toAbsolutePath().normalize();
    this.clock = clock;
    this.names = new MaildirFileName(hostname, ProcessHandle.current().pid());
  }

  @Override
  public List<RecipientOutcome> deliver(
      OutboundMessage message, Destination destination, List<Recipient> recipients) {
    if (!(destination instanceof Destination.Local(String mailbox))) {
      throw new IllegalArgumentException("Maildir delivers only to local mailboxes, not " + destination.key());
    }
    List<RecipientOutcome> outcomes = new ArrayList<>(recipients.size());
    Optional<MaildirFolder> folder = MaildirFolder.of(root, mailbox);
    for (Recipient recipient : recipients) {
      DeliveryOutcome outcome =
          folder.isEmpty()
              // A permanent cause: no retry makes this name a folder under the root.
              ? new DeliveryOutcome.Failed(
                  MISCONFIGURED, null, "mailbox name \"" + printable(mailbox) + "\" is not a valid folder name", null)
              : store(message, folder.get(), recipient);
      outcomes.add(new RecipientOutcome(recipient, outcome));
    }
    return outcomes;
  }

  private DeliveryOutcome store(OutboundMessage message, MaildirFolder folder, Recipient recipient) {
    Path tmp = folder.tmp();
    try {
      folder.create();
      tmp = folder.tmp().resolve(names.next(clock.instant()));
      Path target = folder.fresh().resolve(tmp.getFileName());
      // CREATE_NEW: a name that somehow exists already is an error, never an overwrite.
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
        out.write(deliveryFields(message.envelope().reversePath(), recipient.address()));
        try (InputStream in = message.content().open()) {
          in.transferTo(out);
        }
        out.flush();
        channel.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      MaildirFolder.sync(folder.fresh());
      log.debug("{}: stored to=<{}> file={}", message.envelope().queueId(), recipient.address(), folder.relative(target));
      // The reason reaches the sender in a success DSN: name the mailbox, not the path.
      return new DeliveryOutcome.Delivered(STORED, null, "delivered to mailbox " + folder.mailbox(), null);
    } catch (IOException e) {
      deleteQuietly(tmp);
      log.warn(
          "{}: maildir delivery deferred to=<{}> path={} error=\"{}\"",
          message.envelope().queueId(), recipient.address(), tmp, e.toString());
      return new DeliveryOutcome.Deferred(
          STORAGE_TROUBLE, null, "cannot store in maildir " + folder.relative(tmp) + ": " + describe(e), null);
    }
  }

  /**
   * {@code Return-Path} (RFC 5321 §4.4: the reverse path, {@code <>} for the null sender) and
   * {@code Delivered-To}. Both addresses passed the SMTP parser; control characters are still
   * replaced so a header field can never be split (SEC-8).
   */
  static byte[] deliveryFields(@Nullable MailAddress sender, MailAddress recipient) {
    String from = sender == null ? "" : printable(sender.toString());
    String to = printable(recipient.toString());
    return ("Return-Path: <" + from + ">\r\nDelivered-To: " + to + "\r\n").getBytes(StandardCharsets.UTF_8);
  }

  private static String printable(String text) {
    StringBuilder b = new StringBuilder(text.length());
    text.codePoints().forEach(c -> b.appendCodePoint(c < 0x20 || c == 0x7f ? '?' : c));
    return b.toString();
  }

  /** The error in words, with paths relative to the root: DSNs show reasons outside this host. */
  private String describe(IOException e) {
    String message = e.getMessage() == null ? null : e.getMessage().replace(root + "/", "");
    String kind = e.getClass().getSimpleName();
    return message == null || message.isBlank() ? kind : kind + " (" + printable(message) + ")";
  }

  private static void deleteQuietly(Path tmp) {
    try {
      if (Files.isRegularFile(tmp)) {
        Files.delete(tmp);
      }
    } catch (IOException e) {
      log.debug("could not remove {}: {}", tmp, e.toString());
    }
  }
}
