package org.sealpost.cli;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.sealpost.admin.StsDnsRecords;
import org.sealpost.config.MtaStsPolicyConfig;
import org.sealpost.config.SealpostConfig;
import org.sealpost.mail.Domain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sealpost sts record DOMAIN [--config FILE]}: the DNS records to publish so that senders
 * use the MTA-STS policy Sealpost serves for DOMAIN ({@code [mta_sts_policy]}), in zone-file form,
 * then comments with the policy URL, the name its certificate must carry and the policy itself.
 * Exit status 0; 1 when DOMAIN is not one of the policy domains; 2 for a bad config file.
 */
@Command(name = "sts", description = "MTA-STS policy hosting (RFC 8461): the DNS records to publish.",
    mixinStandardHelpOptions = true)
final class StsCommand implements Callable<Integer> {

  /** Exit status when the domain is not one Sealpost serves a policy for. */
  static final int NOT_A_POLICY_DOMAIN = 1;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  @Command(name = "record", description = "Print the _mta-sts and _smtp._tls TXT records for DOMAIN.",
      mixinStandardHelpOptions = true)
  int record(
      @Parameters(paramLabel = "DOMAIN", description = "a domain from [mta_sts_policy] domains") String name,
      @Option(names = "--config", paramLabel = "FILE", description = "the sealpost.toml (default: the built-in defaults)")
      @Nullable Path config) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SealpostConfig cfg = ConfigOption.load(config, err);
    if (cfg == null) {
      return ConfigCommand.BAD_CONFIG;
    }
    Domain domain;
    try {
      domain = Domain.of(name);
    } catch (IllegalArgumentException e) {
      err.println("sts record: not a valid domain: \"" + name + "\"");
      return NOT_A_POLICY_DOMAIN;
    }
    MtaStsPolicyConfig policy = cfg.mtaStsPolicy();
    Optional<StsDnsRecords> found = StsDnsRecords.of(policy, domain);
    if (found.isEmpty()) {
      err.println("sts record: " + domain.name() + " is not in [mta_sts_policy] domains ("
          + (policy.domains().isEmpty() ? "empty" : policy.domains().stream().map(Domain::name)
              .collect(Collectors.joining(", "))) + "); add it there to serve a policy for it");
      return NOT_A_POLICY_DOMAIN;
    }
    print(out, found.get(), policy);
    out.flush();
    return 0;
  }

  private static void print(PrintWriter out, StsDnsRecords r, MtaStsPolicyConfig policy) {
    out.println(r.mtaStsRecord());
    r.tlsRptRecord().ifPresentOrElse(out::println, () -> out.println(
        "; no _smtp._tls record: [mta_sts_policy] tlsrpt_rua is empty (set it to receive TLS reports, RFC 8460)"));
    out.println(";");
    out.println("; policy URL: " + r.policyUrl());
    out.println("; " + r.policyHost() + " must resolve to this host, and its HTTPS certificate must "
        + "carry the DNS name " + r.policyHost());
    InetSocketAddress listen = policy.listen();
    String ip = listen.getAddress().getHostAddress();
    String where = (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + listen.getPort();
    if (listen.getPort() == 443) {
      out.println("; Sealpost serves it on " + where);
    } else {
      out.println("; Sealpost serves it on " + where + "; senders connect to port 443, so forward 443 there");
    }
    if (!policy.enabled()) {
      out.println("; note: [mta_sts_policy] enabled = false, so Sealpost does not serve it yet");
    }
    out.println("; when the policy changes, its id changes: publish the new _mta-sts record after");
    out.println("; the new policy is served");
    out.println(";");
    out.println("; policy (id " + r.document().id() + "):");
    for (String line : r.document().lines()) {
      out.println(";   " + line);
    }
  }
}
