package org.sealpost.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.sealpost.mail.Envelope;

/** Small helpers shared by the spool tests and harnesses. */
final class SpoolFixture {

  private SpoolFixture() {}

  static QueueEntry commit(Spool spool, Envelope envelope, byte[] content) throws IOException {
    try (Intake.Draft draft = spool.intake().begin(envelope.queueId())) {
      draft.content().write(content);
      return draft.commit(envelope);
    }
  }

  static byte[] readContent(QueueEntry entry) throws IOException {
    try (InputStream in = entry.openContent()) {
      return in.readAllBytes();
    }
  }

  static String sha256(InputStream in) throws IOException {
    MessageDigest digest = sha256();
    byte[] buf = new byte[64 * 1024];
    for (int n; (n = in.read(buf)) >= 0; ) {
      digest.update(buf, 0, n);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static List<String> names(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  static void assertNothingKept(Path spoolDir) throws IOException {
    for (String dir : List.of("incoming", "active", "deferred", "hold")) {
      assertThat(names(spoolDir.resolve(dir))).as(dir).isEmpty();
    }
  }

  /** An output stream that writes to the draft in uneven chunks, as a network would deliver it. */
  static void writeInChunks(OutputStream out, byte[] content, java.util.random.RandomGenerator random)
      throws IOException {
    int at = 0;
    while (at < content.length) {
      int n = Math.min(content.length - at, 1 + random.nextInt(20_000));
      if (n == 1) {
        out.write(content[at]);
      } else {
        out.write(content, at, n);
      }
      at += n;
    }
  }
}
