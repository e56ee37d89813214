package org.sealpost.interop;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of a peer's growing log file (Postfix's maillog, Exim's mainlog) written after a mark.
 *
 * <p>Test classes share one peer between their tests, so each test marks the log when it begins
 * ({@link #mark}) and reads only what follows: one test's lines can never satisfy another's
 * assertions. Peers write on their own time, hence {@link #await}, which polls.
 */
final class LogTail {

  private final String name;
  private final Supplier<String> log;
  private int mark;

  /** {@code name} says which log an assertion message is about; {@code log} reads all of it. */
  LogTail(String name, Supplier<String> log) {
    this.name = name;
    this.log = log;
  }

  /** Forgets everything written so far. */
  void mark() {
    mark = log.get().length();
  }

  /** What was written since the last {@link #mark}. */
  String sinceMark() {
    String all = log.get();
    // A peer never truncates its log during a test class; guard anyway so a failure stays readable.
    return all.length() < mark ? all : all.substring(mark);
  }

  /** Waits until a line written since the mark matches {@code pattern}; returns the match. */
  Matcher await(Pattern pattern, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      Matcher m = pattern.matcher(sinceMark());
      if (m.find()) {
        return m;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(name + " has no /" + pattern + "/ after " + timeout + ":\n"
            + sinceMark());
      }
      Thread.sleep(100);
    }
  }
}
