package org.sealpost.smtp;

/**
 * A command line split into its verb and its argument (RFC 5321 §4.1.1: verb, then one SP, then
 * the argument). The argument is kept as written, without the separating space and any trailing
 * spaces; its meaning is for {@link CommandParser}.
 *
 * @param verb {@link Verb#UNKNOWN} for anything not known
 * @param word the verb as the client wrote it (for logs: pass through {@link Reply#safeText})
 * @param argument what followed the verb and one SP, or the empty string
 */
public record Command(Verb verb, String word, String argument) {

  /** Splits a line from {@link CommandRead.Line}. */
  public static Command parse(String line) {
    int sp = line.indexOf(' ');
    String word = sp < 0 ? line : line.substring(0, sp);
    String argument = sp < 0 ? "" : line.substring(sp + 1).stripTrailing();
    return new Command(Verb.of(word), word, argument);
  }

  /** True when something followed the verb; DATA, RSET, QUIT and STARTTLS take nothing (TLS-1). */
  public boolean hasArgument() {
    return !argument.isEmpty();
  }
}
