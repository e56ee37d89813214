package org.sealpost.policy.mtasts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealpost.config.MtaStsMode;
import org.sealpost.mail.Domain;

class PolicyCacheTest {

  @TempDir Path dir;

  private static final Instant FETCHED = Instant.parse("2025-05-01T10:00:00Z");

  private static CachedPolicy policy(String domain, String id) {
    MtaStsPolicy p = ((PolicyText.Parsed) PolicyText.parse(
        "version: STSv1\r\nmode: enforce\r\nmx: mx1." + domain + "\r\nmax_age: 86400\r\n")).policy();
    return new CachedPolicy(Domain.of(domain), id, FETCHED, p);
  }

  @Test
  void storedPoliciesAreReadBackByANewCache_STS5() throws Exception {
    PolicyCache first = PolicyCache.open(dir);
    first.put(policy("example.com", "one"));
    first.put(policy("example.net", "two"));
    first.put(policy("example.com", "three")); // replaces
    PolicyCache second = PolicyCache.open(dir);
    assertThat(second.get(Domain.of("example.com"))).contains(policy("example.com", "three"));
    assertThat(second.get(Domain.of("example.net"))).contains(policy("example.net", "two"));
    assertThat(second.all()).hasSize(2);
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
          .isEqualTo(List.of("example.com.policy", "example.net.policy"));
    }
  }

  @Test
  void fileFormatIsVersionedText() {
    assertThat(PolicyCache.encode(policy("example.com", "one"))).isEqualTo("""
        sealpost-mta-sts-cache 1
        domain: example.com
        id: one
        fetched: 2025-05-01T10:00:00Z

        version: STSv1
        mode: enforce
        mx: mx1.example.com
        max_age: 86400
        """);
  }

  @Test
  void corruptOrForeignFilesAreIgnored() throws Exception {
    PolicyCache.open(dir).put(policy("example.com", "one"));
    Files.writeString(dir.resolve("broken.test.policy"), "sealpost-mta-sts-cache 1\ngarbage");
    Files.writeString(dir.resolve("other.test.policy"), PolicyCache.encode(policy("example.org", "x")));
    Files.writeString(dir.resolve("old.test.policy"), "sealpost-mta-sts-cache 9\n\n");
    Files.writeString(dir.resolve("example.net.policy.tmp"), "half a write");
    PolicyCache cache = PolicyCache.open(dir);
    assertThat(cache.all()).extracting(CachedPolicy::domain).containsExactly(Domain.of("example.com"));
    assertThat(dir.resolve("example.net.policy.tmp")).doesNotExist();
  }

  @Test
  void removedPolicyIsGoneFromDiskToo() throws Exception {
    PolicyCache cache = PolicyCache.open(dir);
    cache.put(policy("example.com", "one"));
    cache.remove(Domain.of("example.com"));
    assertThat(PolicyCache.open(dir).all()).isEmpty();
  }

  @Test
  void validityEndsAfterMaxAge() {
    CachedPolicy p = policy("example.com", "one");
    assertThat(p.isValidAt(FETCHED.plus(Duration.ofSeconds(86399)))).isTrue();
    assertThat(p.isValidAt(FETCHED.plus(Duration.ofSeconds(86400)))).isFalse();
    assertThat(p.policy().mode()).isEqualTo(MtaStsMode.ENFORCE);
  }
}
