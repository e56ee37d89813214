package org.sealpost.queue;

import java.io.IOException;
import java.io.InputStream;
import org.sealpost.delivery.MessageContent;

/**
 * A queue file's content as delivery sees it: streamed from disk on every {@link #open()} and
 * checked against its CRC-32C at the end. Valid while the pass that made it runs; the runner moves
 * or removes the file only after every attempt and report of the pass has returned.
 */
final class QueuedContent implements MessageContent {

  private final QueueEntry entry;

  QueuedContent(QueueEntry entry) {
    this.entry = entry;
  }

  @Override
  public InputStream open() throws IOException {
    return entry.openContent();
  }

  @Override
  public long size() {
    return entry.size();
  }
}
