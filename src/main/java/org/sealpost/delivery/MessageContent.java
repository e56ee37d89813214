package org.sealpost.delivery;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A queued message's content, streamed as many times as attempts need, never held in memory. */
public interface MessageContent {

  /** A fresh stream over the whole content (with the Received field Sealpost prepended). */
  InputStream open() throws IOException;

  /** The content length in octets. */
  long size();

  /** Content held in memory (a generated message, or a test's). */
  static MessageContent of(byte[] bytes) {
    byte[] copy = bytes.clone();
    return new MessageContent() {
      @Override
      public InputStream open() {
        return new ByteArrayInputStream(copy);
      }

      @Override
      public long size() {
        return copy.length;
      }
    };
  }
}
