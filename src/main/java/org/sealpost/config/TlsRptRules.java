package org.sealpost.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.sealpost.mail.Domain;

/**
 * {@code [tlsrpt]}: names default to the server's host name; the submitter must be a host name (it
 * goes into file names and a header field, RFC 8460 §5.1, §5.3); {@code max_delay} is at most a day,
 * so a day's reports go out before the next day's; {@code store_dir} is relative to
 * {@code data_dir}, {@code ca_file} to the config folder.
 */
final class TlsRptRules {

  static final List<String> KEYS = List.of(
      "enabled", "organization_name", "contact_info", "submitter", "max_delay", "store_dir", "ca_file");

  private TlsRptRules() {}

  static TlsRptConfig read(TomlSection s, ServerConfig server, Path base) throws ConfigException {
    TlsRptConfig d = Defaults.tlsRpt(server);
    boolean enabled = s.bool("enabled", d.enabled());
    String organization = s.nonEmptyString("organization_name", d.organizationName());
    String contact = s.nonEmptyString("contact_info", d.contactInfo());
    if (contact.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw s.error("contact_info", "must be one line of printable text");
    }
    String submitter = s.nonEmptyString("submitter", d.submitter());
    try {
      Domain name = Domain.of(submitter);
      if (name.isAddressLiteral() || submitter.contains("!")) {
        throw new IllegalArgumentException();
      }
    } catch (IllegalArgumentException e) {
      throw s.error("submitter", "not a host name: \"" + submitter + "\"");
    }
    Duration maxDelay = s.duration("max_delay", d.maxDelay(), true);
    if (maxDelay.compareTo(Duration.ofDays(1)) > 0) {
      throw s.error("max_delay", "\"" + TomlWriter.duration(maxDelay)
          + "\" is longer than a day: a day's reports must go out before the next day's");
    }
    Path storeDir = ConfigLoader.path(s, "store_dir", d.storeDir(), server.dataDir());
    @Nullable Path caFile = s.has("ca_file") ? ConfigLoader.path(s, "ca_file", Path.of(""), base) : d.caFile();
    return new TlsRptConfig(enabled, organization, contact, submitter, maxDelay, storeDir, caFile);
  }
}
