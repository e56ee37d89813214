package org.sealpost.it;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * The log lines of some Sealpost loggers while a test runs, for asserting on what an operator
 * would read: the one line per recipient and attempt ({@link #ATTEMPTS}), the delivery decisions
 * per host ({@link #DELIVERY}), and the SMTP server's one line per accepted message ({@link
 * #SMTPD}). Every instance in the JVM writes to the same loggers, so tests tell instances apart by
 * queue id, relay or listener.
 *
 * <pre>{@code
 * try (LogLines log = LogLines.capture(LogLines.ATTEMPTS)) {
 *   ...
 *   String line = log.await(Pattern.compile("to=<bob@dest.test> .* status=sent"), WAIT);
 * }
 * }</pre>
 */
final class LogLines implements AutoCloseable {

  /** {@code QUEUEID: to=<rcpt> relay=host[ip]:port tls=... requiretls=... status=... (...)}. */
  static final String ATTEMPTS = "org.sealpost.queue.DeliveryPass";
  /** Remote delivery: hosts skipped, refused or unusable, and why. */
  static final String DELIVERY = "delivery";
  /** The SMTP server: {@code QUEUEID: client=... listener=... from=... requiretls=yes|no}. */
  static final String SMTPD = "smtpd";

  private final List<String> loggers;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private LogLines(List<String> loggers) {
    this.loggers = List.copyOf(loggers);
    appender.start();
    for (String name : loggers) {
      ((Logger) LoggerFactory.getLogger(name)).addAppender(appender);
    }
  }

  /** Starts capturing the lines of {@code loggers} (names as given to {@code LoggerFactory}). */
  static LogLines capture(String... loggers) {
    return new LogLines(List.of(loggers));
  }

  /** Every line captured so far, formatted as logged, in order. */
  List<String> lines() {
    synchronized (appender) {
      return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  /** The captured lines that contain a match of {@code pattern}. */
  List<String> matching(Pattern pattern) {
    return lines().stream().filter(l -> pattern.matcher(l).find()).toList();
  }

  /** Waits for a line with a match of {@code pattern}; fails the test with every line on timeout. */
  Matcher await(Pattern pattern, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (String line : lines()) {
        Matcher m = pattern.matcher(line);
        if (m.find()) {
          return m;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no log line matches /" + pattern + "/ within " + timeout + ":\n"
            + String.join("\n", lines()));
      }
      Thread.sleep(50);
    }
  }

  /** All lines, one per line, for failure messages. */
  @Override
  public String toString() {
    return String.join("\n", lines());
  }

  @Override
  public void close() {
    for (String name : loggers) {
      ((Logger) LoggerFactory.getLogger(name)).detachAppender(appender);
    }
    appender.stop();
  }
}
