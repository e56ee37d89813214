package org.sealpost.report.tlsrpt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.sealpost.delivery.TlsSessionResult;
import org.sealpost.delivery.TlsSessionResult.PolicyType;
import org.sealpost.mail.Domain;
import org.sealpost.policy.TlsResultType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One stored session result: a single line of compact JSON, so a day file can be appended to and
 * read back line by line, and a torn last line after a crash is recognisable and skipped. The format
 * is versioned ({@code "v":1}); enums are stored by their RFC 8460 wire names, never by ordinal.
 */
final class ResultLine {

  static final int VERSION = 1;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ResultLine() {}

  /** The line for {@code r}, without the trailing newline; never contains a line break. */
  static String encode(TlsSessionResult r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("v", VERSION);
    o.put("at", r.at().toString());
    o.put("domain", r.policyDomain().name());
    o.put("type", r.policyType().code());
    ArrayNode strings = o.putArray("strings");
    r.policyStrings().forEach(strings::add);
    putNullable(o, "mx", r.mxHost());
    o.put("sending-ip", r.sendingMtaIp());
    o.put("receiving-mx", r.receivingMxHostname());
    putNullable(o, "helo", r.receivingMxHelo());
    o.put("receiving-ip", r.receivingIp());
    putNullable(o, "failure", r.failure() == null ? null : r.failure().code());
    putNullable(o, "info", r.additionalInformation());
    return JSON.writeValueAsString(o); // JSON escapes CR and LF inside strings
  }

  /**
   * Reads one line back.
   *
   * @throws IllegalArgumentException if the line is not a complete record of a known version
   */
  static TlsSessionResult decode(String line) {
    JsonNode o;
    try {
      o = JSON.readTree(line);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
    if (o == null || !o.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    if (o.path("v").asInt(0) != VERSION) {
      throw new IllegalArgumentException("unknown version " + o.path("v"));
    }
    List<String> strings = new ArrayList<>();
    for (JsonNode s : o.path("strings")) {
      strings.add(s.asString());
    }
    @Nullable String failure = text(o, "failure");
    return new TlsSessionResult(
        Instant.parse(required(o, "at")),
        new Domain(required(o, "domain")),
        PolicyType.fromCode(required(o, "type")),
        strings,
        text(o, "mx"),
        required(o, "sending-ip"),
        required(o, "receiving-mx"),
        text(o, "helo"),
        required(o, "receiving-ip"),
        failure == null ? null : TlsResultType.fromCode(failure),
        text(o, "info"));
  }

  private static void putNullable(ObjectNode o, String key, @Nullable String value) {
    if (value != null) {
      o.put(key, value);
    }
  }

  private static @Nullable String text(JsonNode o, String key) {
    JsonNode v = o.get(key);
    return v == null || v.isNull() ? null : v.asString();
  }

  private static String required(JsonNode o, String key) {
    String v = text(o, key);
    if (v == null) {
      throw new IllegalArgumentException("missing " + key);
    }
    return v;
  }
}
