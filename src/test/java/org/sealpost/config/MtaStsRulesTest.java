package org.sealpost.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MtaStsRulesTest {

  @TempDir Path dir;

  @Test
  void withoutTheSectionTheDefaultsApplyWithTheCacheUnderDataDir() throws Exception {
    Path file = Files.writeString(dir.resolve("sealpost.toml"), "[server]\ndata_dir = \"/srv/sp\"\n");
    assertThat(ConfigLoader.load(file).mtaSts()).isEqualTo(new MtaStsConfig(
        true, 443, null, Path.of("/srv/sp/mta-sts"), Duration.ofSeconds(60), 65536));
  }

  @Test
  void everyKeyIsRead_pathsRelativeToTheirBase() throws Exception {
    Path file = Files.writeString(dir.resolve("sealpost.toml"), """
        [server]
        data_dir = "/srv/sp"
        [mta_sts]
        enabled = false
        port = 8443
        ca_file = "tls/sts-ca.pem"
        cache_dir = "policies"
        fetch_timeout = "10s"
        max_policy_size = "16KiB"
        """);
    assertThat(ConfigLoader.load(file).mtaSts()).isEqualTo(new MtaStsConfig(
        false, 8443, dir.toAbsolutePath().resolve("tls/sts-ca.pem"), Path.of("/srv/sp/policies"),
        Duration.ofSeconds(10), 16384));
  }

  @Test
  void fullExampleSetsTheSection() throws Exception {
    Path full = Path.of(MtaStsRulesTest.class.getResource("/config/good/full.toml").toURI());
    assertThat(ConfigLoader.load(full).mtaSts()).isEqualTo(new MtaStsConfig(
        true, 443, null, Path.of("/var/lib/sealpost/mta-sts"), Duration.ofSeconds(60), 65536));
  }

  @Test
  void defaultsConfigCarriesTheSection() {
    assertThat(Defaults.config().mtaSts()).isEqualTo(Defaults.mtaSts(Defaults.server().dataDir()));
  }
}
