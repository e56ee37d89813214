package org.sealpost;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package rules of docs/architecture: the flow receive → policy → queue → deliver → report shows
 * in which package may import which. Read from the sources' import lines.
 */
class ArchitectureTest {

  private static final Path MAIN = Path.of("src/main/java/org/sealpost");
  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?org\\.sealpost\\.(\\w+)", Pattern.MULTILINE);

  private record Use(String from, String file, String to) {}

  private static List<Use> uses() throws IOException {
    List<Use> uses = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Path rel = MAIN.relativize(f);
        String from = rel.getNameCount() == 1 ? "" : rel.getName(0).toString();
        Matcher m = IMPORT.matcher(Files.readString(f));
        while (m.find()) {
          String to = m.group(1);
          if (!to.equals(from) && Character.isLowerCase(to.charAt(0))) {
            uses.add(new Use(from, rel.toString(), to));
          }
        }
      }
    }
    return uses;
  }

  private static List<Use> violations(String from, List<String> forbidden) throws IOException {
    return uses().stream().filter(u -> u.from().equals(from) && forbidden.contains(u.to())).toList();
  }

  @Test
  void readsTheImportsItJudges() throws IOException {
    assertThat(uses()).anyMatch(u -> u.from().equals("inbound") && u.to().equals("queue"));
  }

  @Test
  void mailDependsOnNothing() throws IOException {
    assertThat(uses().stream().filter(u -> u.from().equals("mail")).toList()).isEmpty();
  }

  @Test
  void smtpWireFormatKnowsOnlyTheVocabulary() throws IOException {
    assertThat(uses().stream().filter(u -> u.from().equals("smtp") && !u.to().equals("mail")).toList())
        .isEmpty();
  }

  @Test
  void policyIsPureDecisions() throws IOException {
    assertThat(violations("policy", List.of("inbound", "queue", "delivery", "cli"))).isEmpty();
  }

  @Test
  void inboundNeverReachesIntoDelivery() throws IOException {
    assertThat(violations("inbound", List.of("delivery", "cli"))).isEmpty();
  }

  @Test
  void deliveryNeverReachesIntoInbound() throws IOException {
    assertThat(violations("delivery", List.of("inbound", "cli"))).isEmpty();
  }

  @Test
  void onlyMainAndCliSeeTheCli() throws IOException {
    assertThat(
            uses().stream()
                .filter(u -> u.to().equals("cli") && !u.from().isEmpty() && !u.from().equals("cli"))
                .toList())
        .isEmpty();
  }
}
