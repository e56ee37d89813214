package org.sealpost.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.sealpost.queue.QueueEntry;
import org.sealpost.queue.QueueListing;
import org.sealpost.queue.Spool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sealpost queue}: look at the spool. */
@Command(
    name = "queue",
    description = "Inspect the mail queue.",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    subcommands = {QueueCommand.ListCommand.class})
final class QueueCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * {@code sealpost queue list}: one line per committed message, then one per recipient with its
   * delivery state (pending, deferred with its next attempt, delivered, failed) from the status
   * record. Read-only and lock-free, so it is safe while the server runs; drafts still being
   * received are never shown.
   */
  @Command(
      name = "list",
      description = "List queued messages.",
      mixinStandardHelpOptions = true,
      versionProvider = VersionCommand.Provider.class)
  static final class ListCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
        names = "--spool",
        paramLabel = "DIR",
        defaultValue = "var/spool",
        description = "Spool directory (default: ${DEFAULT-VALUE}).")
    Path spool;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      List<QueueEntry> entries;
      try {
        entries = Spool.inspect(spool);
      } catch (IOException e) {
        err.println("sealpost: cannot read spool " + spool + ": " + e.getMessage());
        err.flush();
        return 1;
      }
      if (entries.isEmpty()) {
        out.println("Queue is empty (" + spool + ").");
      } else {
        out.println(QueueListing.header());
        for (QueueEntry entry : entries) {
          out.println(QueueListing.line(entry));
          for (String recipient :
              QueueListing.recipientLines(entry, Spool.inspectStatus(spool, entry.queueId()))) {
            out.println(recipient);
          }
        }
        out.println(entries.size() + " message" + (entries.size() == 1 ? "" : "s") + ".");
      }
      out.flush();
      return 0;
    }
  }
}
