package org.sealpost.interop;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What one run of a peer program gave: its exit code and both output streams. */
record PeerRun(List<String> command, int exitCode, String stdout, String stderr) {

  private static final Pattern QUEUED_AS = Pattern.compile("250 2\\.0\\.0 Ok: queued as (\\S+)");

  PeerRun {
    command = List.copyOf(command);
  }

  /** Both streams, for programs (swaks) that split a transcript across them. */
  String output() {
    return stdout + stderr;
  }

  /** The queue id from Sealpost's {@code 250 2.0.0 Ok: queued as ID} reply, if the output has one. */
  Optional<String> queuedAs() {
    Matcher m = QUEUED_AS.matcher(output());
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** The whole run, for assertion messages. */
  String describe() {
    return String.join(" ", command) + "\nexit=" + exitCode + "\n--- stdout\n" + stdout
        + "\n--- stderr\n" + stderr;
  }
}
