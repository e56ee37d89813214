package org.sealpost.delivery.local;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Unique file names for Maildir deliveries: {@code <seconds>.M<microseconds>P<pid>Q<counter>.<host>}.
 * Time, process id and a per-process counter make the name unique on one host; the host name makes
 * it unique across hosts sharing the folder (e.g. over NFS). The Maildir convention replaces
 * {@code /} and {@code :} in the host name, which would break the path or the info suffix.
 */
final class MaildirFileName {

  /** Per process, not per instance: two deliverers in one process must not choose the same name. */
  private static final AtomicLong COUNTER = new AtomicLong();

  private final String host;
  private final long pid;

  MaildirFileName(String hostname, long pid) {
    this.host = hostname.replace("/", "\\057").replace(":", "\\072");
    this.pid = pid;
  }

  String next(Instant now) {
    long micros = now.getNano() / 1_000L;
    return now.getEpochSecond() + ".M" + micros + "P" + pid + "Q" + COUNTER.incrementAndGet() + "." + host;
  }
}
