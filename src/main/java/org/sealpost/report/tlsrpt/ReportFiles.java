package org.sealpost.report.tlsrpt;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.zip.GZIPInputStream;
import org.sealpost.mail.Domain;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an archived report back: the file name (RPT-6) gives submitter, domain and day; the
 * report id comes from the JSON itself, since the content is what counts (RFC 8460 §5.6, RPT-9).
 */
final class ReportFiles {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ReportFiles() {}

  /**
   * @throws IllegalArgumentException if the name is not {@code submitter!domain!begin!end.json.gz}
   *     or the content is not a gzipped report
   */
  static TlsReport fromArchive(String filename, byte[] gzipped) {
    if (!filename.endsWith(".json.gz")) {
      throw new IllegalArgumentException("not a report file name: " + filename);
    }
    String[] parts = filename.substring(0, filename.length() - ".json.gz".length()).split("!", -1);
    if (parts.length < 4) {
      throw new IllegalArgumentException("not a report file name: " + filename);
    }
    String json = gunzip(gzipped);
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("archived report " + filename + " is not JSON", e);
    }
    LocalDate day = LocalDate.ofInstant(Instant.ofEpochSecond(Long.parseLong(parts[2])), ZoneOffset.UTC);
    return new TlsReport(Domain.of(parts[1]), day, root.path("report-id").asString(), parts[0], json);
  }

  static String gunzip(byte[] gzipped) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("not gzip data: " + e.getMessage(), e);
    }
  }
}
