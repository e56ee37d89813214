package org.sealpost.queue;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.sealpost.mail.QueueId;

/**
 * The directories of a spool, all on one file system so that link and rename are atomic:
 * {@code incoming/} (drafts being received, never listed), one directory per {@link QueueState},
 * {@code status/} (delivery state records), {@code corrupt/} (files moved aside) and the
 * {@code lock} file held by the owning process.
 */
record SpoolLayout(Path root) {

  static final String TEMP_SUFFIX = ".tmp";

  Path incoming() {
    return root.resolve("incoming");
  }

  Path corrupt() {
    return root.resolve("corrupt");
  }

  /** Delivery status records, one per message in any state ({@link StatusStore}). */
  Path status() {
    return root.resolve("status");
  }

  Path statusFile(QueueId id) {
    return status().resolve(id.value());
  }

  Path statusTemp(QueueId id) {
    return status().resolve(id.value() + TEMP_SUFFIX);
  }

  Path lockFile() {
    return root.resolve("lock");
  }

  Path directory(QueueState state) {
    return root.resolve(state.code());
  }

  Path file(QueueState state, QueueId id) {
    return directory(state).resolve(id.value());
  }

  Path draft(QueueId id, long sequence) {
    return incoming().resolve(id.value() + "." + sequence + TEMP_SUFFIX);
  }

  /** The path relative to the spool, as shown in log lines. */
  String relative(Path file) {
    return root.relativize(file).toString();
  }

  /** The queue id a spool file name starts with, if any: for log lines about leftovers. */
  static @Nullable String queueIdOf(Path file) {
    String name = file.getFileName().toString();
    int dot = name.indexOf('.');
    String head = dot < 0 ? name : name.substring(0, dot);
    return QueueId.isValid(head) ? head : null;
  }
}
