package org.sealpost;

import java.io.IOException;
import java.time.Clock;
import java.time.InstantSource;
import org.jspecify.annotations.Nullable;
import org.sealpost.cli.SealpostCommand;
import org.sealpost.config.PasswordHash;
import org.sealpost.config.SealpostConfig;
import org.sealpost.config.UserConfig;
import org.sealpost.dns.Resolver;
import org.sealpost.dns.ResolverFactory;
import org.sealpost.inbound.Authenticator;
import org.sealpost.inbound.SmtpServer;
import org.sealpost.queue.Spool;
import org.sealpost.tls.ServerTls;
import org.sealpost.tls.TlsMaterialException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The composition root: the command line, and the one place where configuration becomes running
 * objects (DNS, receive → queue; delivery and reports join here as they are built).
 */
public final class Main {

  private static final Logger log = LoggerFactory.getLogger("sealpost");

  private Main() {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new SealpostCommand()).execute(args));
  }

  /** A running Sealpost; {@link #close()} stops it. */
  public static final class Running implements AutoCloseable {
    private final Spool spool;
    private final @Nullable ServerTls tls;
    private final SmtpServer smtp;
    private final Resolver dns;

    private Running(Spool spool, @Nullable ServerTls tls, SmtpServer smtp, Resolver dns) {
      this.spool = spool;
      this.tls = tls;
      this.smtp = smtp;
      this.dns = dns;
    }

    /** The resolver, in the DNSSEC mode actually in force (checked at start-up). */
    public Resolver dns() {
      return dns;
    }

    public SmtpServer smtp() {
      return smtp;
    }

    public Spool spool() {
      return spool;
    }

    @Override
    public void close() {
      try {
        smtp.close();
      } catch (IOException e) {
        log.warn("closing listeners: {}", e.toString());
      }
      if (tls != null) {
        tls.close();
      }
      try {
        spool.close();
      } catch (IOException e) {
        log.warn("closing spool: {}", e.toString());
      }
      log.info("stopped");
    }
  }

  /** Builds and starts everything the configuration describes. */
  public static Running start(SealpostConfig config) throws IOException, TlsMaterialException {
    InstantSource clock = InstantSource.system();
    LogLevels.apply(config.log());
    // Checked first: a resolver that does not really validate is reported, and run as "off".
    Resolver dns = ResolverFactory.start(config.dns(), Clock.systemUTC()).resolver();
    Spool spool = Spool.open(config.spool().directory(), clock);
    ServerTls tls = null;
    try {
      tls = config.tls().enabled() ? ServerTls.start(config.tls(), config.server(), clock) : null;
      SmtpServer smtp = SmtpServer.start(config, spool.intake(), tls, authenticator(config), clock);
      log.info("started hostname={} spool={}", config.server().hostname(), config.spool().directory());
      return new Running(spool, tls, smtp, dns);
    } catch (IOException | TlsMaterialException | RuntimeException e) {
      if (tls != null) {
        tls.close();
      }
      spool.close();
      throw e;
    }
  }

  /** Users from {@code [[auth.user]]}; an unknown user costs the same time as a wrong password. */
  static Authenticator authenticator(SealpostConfig config) {
    String decoy = PasswordHash.hash("decoy-password".toCharArray());
    return (user, password) -> {
      for (UserConfig u : config.auth().users()) {
        if (u.name().equals(user)) {
          return PasswordHash.verify(password, u.passwordHash());
        }
      }
      PasswordHash.verify(password, decoy);
      return false;
    };
  }
}
