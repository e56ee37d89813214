package org.sealpost.policy.mtasts;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.sealpost.mail.Domain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The persistent policy cache (RFC 8461 §3.3, STS-5): one small file per policy domain, {@code
 * <dir>/<domain>.policy}, read once at start and kept in memory. A file is written to a temporary
 * name, forced to disk and renamed over the old one, and the folder is forced too, so a crash
 * leaves either the old or the new policy, never half of one. A file that cannot be read back is
 * ignored with a log line; the next fetch replaces it.
 *
 * <p>File format, version 1 (the first line names it; a change of layout gets a new number):
 *
 * <pre>
 * sealpost-mta-sts-cache 1
 * domain: example.com
 * id: 20240501T0000
 * fetched: 2024-05-01T10:00:00Z
 *
 * version: STSv1
 * mode: enforce
 * mx: mx1.example.com
 * max_age: 604800
 * </pre>
 *
 * The policy part is the published lines, parsed again on load with {@link PolicyText}.
 */
final class PolicyCache {

  private static final Logger log = LoggerFactory.getLogger(PolicyCache.class);
  static final String MAGIC = "sealpost-mta-sts-cache 1";
  private static final String SUFFIX = ".policy";

  private final Path dir;
  private final Map<Domain, CachedPolicy> policies = new ConcurrentHashMap<>();

  private PolicyCache(Path dir) {
    this.dir = dir;
  }

  /** Opens (creating) {@code dir} and loads every readable policy file in it. */
  static PolicyCache open(Path dir) throws IOException {
    Files.createDirectories(dir);
    PolicyCache cache = new PolicyCache(dir);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        if (name.endsWith(".tmp")) {
          Files.deleteIfExists(f); // a write cut short by a crash; the renamed file is intact
        } else if (name.endsWith(SUFFIX)) {
          cache.load(f);
        }
      }
    }
    return cache;
  }

  private void load(Path file) {
    try {
      CachedPolicy p = decode(Files.readString(file, StandardCharsets.UTF_8));
      if (!file.getFileName().toString().equals(p.domain().name() + SUFFIX)) {
        throw new IllegalArgumentException("names domain " + p.domain());
      }
      policies.put(p.domain(), p);
    } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
      log.warn("mta-sts: cache file={} ignored reason=\"{}\"", file, e.getMessage());
    }
  }

  Optional<CachedPolicy> get(Domain domain) {
    return Optional.ofNullable(policies.get(domain));
  }

  List<CachedPolicy> all() {
    return List.copyOf(policies.values());
  }

  /** Stores {@code p} in memory, then durably on disk; the memory copy stands if the disk fails. */
  synchronized void put(CachedPolicy p) throws IOException {
    policies.put(p.domain(), p);
    Path file = dir.resolve(p.domain().name() + SUFFIX);
    Path tmp = dir.resolve(p.domain().name() + SUFFIX + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      ch.write(StandardCharsets.UTF_8.encode(encode(p)));
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    forceFolder();
  }

  /** Forgets the policy of {@code domain} (it expired). */
  synchronized void remove(Domain domain) throws IOException {
    policies.remove(domain);
    if (Files.deleteIfExists(dir.resolve(domain.name() + SUFFIX))) {
      forceFolder();
    }
  }

  private void forceFolder() throws IOException {
    try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
      folder.force(true);
    }
  }

  static String encode(CachedPolicy p) {
    StringBuilder out = new StringBuilder()
        .append(MAGIC).append('\n')
        .append("domain: ").append(p.domain().name()).append('\n')
        .append("id: ").append(p.id()).append('\n')
        .append("fetched: ").append(p.fetchedAt()).append('\n')
        .append('\n');
    for (String line : p.policy().lines()) {
      out.append(line).append('\n');
    }
    return out.toString();
  }

  /** Throws IllegalArgumentException (or DateTimeParseException) saying what is wrong. */
  static CachedPolicy decode(String text) {
    int blank = text.indexOf("\n\n");
    if (!text.startsWith(MAGIC + "\n") || blank < 0) {
      throw new IllegalArgumentException("not a version 1 cache file");
    }
    List<String> head = new ArrayList<>(text.substring(0, blank).lines().toList());
    head.removeFirst();
    if (head.size() != 3 || !head.get(0).startsWith("domain: ") || !head.get(1).startsWith("id: ")
        || !head.get(2).startsWith("fetched: ")) {
      throw new IllegalArgumentException("header is not domain, id, fetched");
    }
    Domain domain = Domain.of(head.get(0).substring("domain: ".length()));
    String id = head.get(1).substring("id: ".length());
    Instant fetched = Instant.parse(head.get(2).substring("fetched: ".length()));
    return switch (PolicyText.parse(text.substring(blank + 2))) {
      case PolicyText.Parsed parsed -> new CachedPolicy(domain, id, fetched, parsed.policy());
      case PolicyText.Invalid invalid -> throw new IllegalArgumentException(
          "stored policy invalid: " + invalid.reason());
    };
  }
}
