package org.sealpost.delivery.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One mailbox's Maildir folder, {@code <root>/<mailbox>/Maildir/} with {@code tmp}, {@code new}
 * and {@code cur}. Creating it is idempotent; directories created here are made durable by an fsync
 * of their parent, so a delivered message cannot vanish with a folder that was never synced.
 */
final class MaildirFolder {

  private final Path root;
  private final Path maildir;

  private MaildirFolder(Path root, Path maildir) {
    this.root = root;
    this.maildir = maildir;
  }

  /**
   * The folder of {@code mailbox} under {@code root}, or empty when the name could leave the root
   * or is not a plain file name: config names are trusted, but a path must not be built from one
   * that contains a separator or is {@code .} or {@code ..}.
   */
  static Optional<MaildirFolder> of(Path root, String mailbox) {
    if (mailbox.isEmpty() || mailbox.equals(".") || mailbox.equals("..")) {
      return Optional.empty();
    }
    for (int i = 0; i < mailbox.length(); i++) {
      char c = mailbox.charAt(i);
      if (c == '/' || c == '\\' || c < 0x20 || c == 0x7f) {
        return Optional.empty();
      }
    }
    Path base = root.toAbsolutePath().normalize();
    Path box = base.resolve(mailbox).normalize();
    if (!box.getParent().equals(base)) {
      return Optional.empty();
    }
    return Optional.of(new MaildirFolder(base, box.resolve("Maildir")));
  }

  String mailbox() {
    return maildir.getParent().getFileName().toString();
  }

  Path tmp() {
    return maildir.resolve("tmp");
  }

  Path fresh() {
    return maildir.resolve("new");
  }

  /** The path relative to the root, for reasons shown outside this host. */
  String relative(Path path) {
    return root.relativize(path).toString();
  }

  /** Creates whatever part of the folder is missing, and syncs the parents of what it created. */
  void create() throws IOException {
    if (!Files.isDirectory(root)) {
      // First delivery on a fresh install: the root (e.g. var/mail) does not exist yet.
      Files.createDirectories(root);
      sync(root.toAbsolutePath().getParent());
    }
    boolean createdBox = ensureDirectory(maildir.getParent());
    boolean createdMaildir = ensureDirectory(maildir);
    boolean createdSub = false;
    for (String sub : new String[] {"tmp", "new", "cur"}) {
      createdSub |= ensureDirectory(maildir.resolve(sub));
    }
    if (createdSub) {
      sync(maildir);
    }
    if (createdMaildir) {
      sync(maildir.getParent());
    }
    if (createdBox) {
      sync(root);
    }
  }

  private static boolean ensureDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return false;
    }
    try {
      Files.createDirectory(dir);
      return true;
    } catch (FileAlreadyExistsException e) {
      // A concurrent delivery made it first; a file sitting where the folder should be still fails.
      if (Files.isDirectory(dir)) {
        return false;
      }
      throw e;
    }
  }

  /** fsync(2) of a directory: makes the names in it durable. */
  static void sync(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
