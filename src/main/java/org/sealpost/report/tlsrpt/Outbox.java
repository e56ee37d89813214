package org.sealpost.report.tlsrpt;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reports on disk: {@code reports/} keeps every built report (gzipped, under its RFC 8460 §5.1 file
 * name), which is what was sent and what {@code sealpost tlsrpt show} prints; {@code outbox/} holds
 * one small JSON file per report and rua not yet handed over, so retries survive a restart (RPT-9).
 * Every file is written to a temporary name, fsync'd and renamed, so a crash leaves the old or the
 * new version, never half of one.
 */
final class Outbox {

  private static final Logger log = LoggerFactory.getLogger(Outbox.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String SUFFIX = ".pending";

  private final Path reports;
  private final Path pending;

  Outbox(Path storeDir) {
    this.reports = storeDir.resolve("reports");
    this.pending = storeDir.resolve("outbox");
  }

  /** Creates the folders. */
  Outbox open() throws IOException {
    Files.createDirectories(reports);
    Files.createDirectories(pending);
    return this;
  }

  void archive(TlsReport report) throws IOException {
    writeAtomically(reports.resolve(report.filename()), report.gzip());
  }

  /** The archived report's gzipped bytes, if it was built and kept. */
  Optional<byte[]> archived(String reportFile) throws IOException {
    try {
      return Optional.of(Files.readAllBytes(reports.resolve(reportFile)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** The archived reports whose file name contains {@code text}, in name order. */
  List<Path> archivedMatching(String text) throws IOException {
    if (!Files.isDirectory(reports)) {
      return List.of();
    }
    try (var files = Files.list(reports)) {
      return files.filter(f -> f.getFileName().toString().contains(text)).sorted().toList();
    }
  }

  /**
   * Deletes archived reports whose day began before {@code cutoff} (the begin time is the third
   * part of the RFC 8460 §5.1 file name); returns how many. Pending deliveries never outlive a day
   * (RPT-9), so a cutoff weeks back never removes a report still to be sent.
   */
  int pruneArchivedBefore(Instant cutoff) throws IOException {
    int deleted = 0;
    for (Path f : archivedMatching("!")) {
      String[] parts = f.getFileName().toString().split("!");
      try {
        if (parts.length >= 4 && Instant.ofEpochSecond(Long.parseLong(parts[2])).isBefore(cutoff)
            && Files.deleteIfExists(f)) {
          deleted++;
        }
      } catch (NumberFormatException e) {
        log.debug("tlsrpt: not an archived report name: {}", f);
      }
    }
    return deleted;
  }

  void save(PendingDelivery d) throws IOException {
    ObjectNode o = JSON.createObjectNode();
    o.put("v", 1);
    o.put("report", d.reportFile());
    o.put("rua", d.rua());
    o.put("first-attempt", d.firstAttempt().toString());
    o.put("attempts", d.attempts());
    o.put("next-attempt", d.nextAttempt().toString());
    writeAtomically(pending.resolve(d.name() + SUFFIX), JSON.writeValueAsBytes(o));
  }

  void remove(PendingDelivery d) throws IOException {
    Files.deleteIfExists(pending.resolve(d.name() + SUFFIX));
    syncDirectory(pending);
  }

  /** Everything pending; unreadable files are logged and left for the operator. */
  List<PendingDelivery> all() throws IOException {
    List<PendingDelivery> out = new ArrayList<>();
    if (!Files.isDirectory(pending)) {
      return out;
    }
    try (var files = Files.list(pending)) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList()) {
        String name = f.getFileName().toString();
        try {
          JsonNode o = JSON.readTree(Files.readString(f, StandardCharsets.UTF_8));
          out.add(new PendingDelivery(
              name.substring(0, name.length() - SUFFIX.length()),
              o.path("report").asString(),
              o.path("rua").asString(),
              Instant.parse(o.path("first-attempt").asString()),
              o.path("attempts").asInt(),
              Instant.parse(o.path("next-attempt").asString())));
        } catch (JacksonException | DateTimeParseException e) {
          log.warn("tlsrpt: unreadable outbox file={}: {}", f, e.getMessage());
        }
      }
    }
    return out;
  }

  private static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path temp = target.resolveSibling(target.getFileName() + ".tmp");
    try (var channel = FileChannel.open(temp, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      var buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncDirectory(target.getParent());
  }

  private static void syncDirectory(Path dir) throws IOException {
    try (var channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
