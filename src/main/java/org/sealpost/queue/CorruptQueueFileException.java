package org.sealpost.queue;

import java.io.IOException;

/**
 * A queue file that cannot be trusted: truncated, garbled, of an unknown format version, or with
 * content that no longer matches its checksum. The spool moves such files to {@code corrupt/}; a
 * delivery that sees this while streaming content must not send what it read.
 */
public final class CorruptQueueFileException extends IOException {

  private static final long serialVersionUID = 1L;

  CorruptQueueFileException(String reason) {
    super(reason);
  }

  CorruptQueueFileException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
