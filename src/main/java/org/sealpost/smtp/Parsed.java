package org.sealpost.smtp;

/**
 * The outcome of parsing a command argument: the value, or the reply that refuses it. Refusals are
 * protocol outcomes, not exceptions; their text is safe to send.
 */
public sealed interface Parsed<T> {

  /** The argument was good. */
  record Ok<T>(T value) implements Parsed<T> {}

  /** The argument was bad: send {@code reply} and leave the session state unchanged (§4.1.4). */
  record Invalid<T>(Reply reply) implements Parsed<T> {}

  static <T> Parsed<T> ok(T value) {
    return new Ok<>(value);
  }

  static <T> Parsed<T> invalid(int code, String status, String text) {
    return new Invalid<>(Reply.of(code, status, text));
  }
}
