package org.sealpost.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.sealpost.cli.DnsCommand;
import org.sealpost.dns.universe.DnsUniverse;
import picocli.CommandLine;

/** {@code sealpost dns}: the answer, its security and the CNAME chain, as an admin sees them. */
class DnsCommandTest {

  record Run(int exit, String out) {}

  static Run run(String... args) {
    StringWriter sw = new StringWriter();
    CommandLine cl = new CommandLine(new DnsCommand());
    cl.setOut(new PrintWriter(sw));
    int exit = cl.execute(args);
    return new Run(exit, sw.toString());
  }

  @Test
  void printsSecureMxWithNextHopsAndInsecureCnameChains() throws Exception {
    try (DnsUniverse u = DnsUniverse.start()) {
      Scenarios.populate(u);
      u.signNow();
      String server = "127.0.0.54:" + u.address().getPort();
      String anchor = u.trustAnchorFile().toString();
      Run mx = run("mx", "dest.test", "--server", server, "--mode", "validate",
          "--trust-anchor", anchor, "--timeout", "1s");
      assertThat(mx.exit()).isZero();
      assertThat(mx.out()).contains("mode=validate").contains("status:   NOERROR secure")
          .contains("10 mx1.dest.test.").contains("10 mx1.dest.test 127.0.0.21 chain=secure");
      Run alias = run("A", "alias.dest.test", "--server", server, "--mode", "validate",
          "--trust-anchor", anchor);
      assertThat(alias.out()).contains("status:   NOERROR insecure")
          .contains("cname:    alias.dest.test -> mx.plain.test");
      Run bogus = run("mx", "bogus.test", "--server", server, "--mode", "validate",
          "--trust-anchor", anchor);
      assertThat(bogus.exit()).isEqualTo(1);
      assertThat(bogus.out()).contains("status:   BOGUS").contains("reason:");
      Run nullMx = run("mx", "nomail.test", "--server", server, "--mode", "validate",
          "--trust-anchor", anchor);
      assertThat(nullMx.out()).contains("null MX").contains("5.1.10");
    }
  }

  @Test
  void degradedModeIsShown() throws Exception {
    try (DnsUniverse u = DnsUniverse.start()) {
      u.zone("plain.test").a("plain.test", "127.0.0.22");
      Run r = run("a", "plain.test", "--server", "127.0.0.54:" + u.address().getPort(),
          "--mode", "trust-ad", "--timeout", "500ms");
      assertThat(r.exit()).isZero();
      assertThat(r.out()).contains("mode=off (asked for trust-ad").contains("NOERROR insecure");
    }
  }
}
