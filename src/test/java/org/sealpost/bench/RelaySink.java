package org.sealpost.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Instant;
import java.util.concurrent.Callable;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import org.sealpost.tls.KeyMaterial;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -cp ... org.sealpost.bench.RelaySink --listen 127.0.0.95:2595 --cert c.pem --key k.pem
 * --status sink.status [--dns 127.0.0.95:5353 --name sink.bench.test]}: the next hop for
 * bench/relay.sh. Accepts every message (STARTTLS offered when a certificate is given; with
 * {@code --dns}, a {@link SinkDns} resolves the sink's name), one virtual thread per connection, keeps nothing, and
 * rewrites the status file ({@link SinkCounter}) every {@code --interval-ms} so the script knows
 * when all N messages have arrived and when the last one did.
 */
@Command(name = "relay-sink", mixinStandardHelpOptions = true,
    description = "SMTP sink for the relay benchmark (loopback only): accepts and counts messages.")
public final class RelaySink implements Callable<Integer> {

  @Option(names = "--listen", required = true, description = "address literal:port on loopback")
  String listen = "";

  @Option(names = "--cert", description = "PEM certificate chain (enables STARTTLS)")
  @Nullable Path cert;

  @Option(names = "--key", description = "PEM private key for --cert")
  @Nullable Path key;

  @Option(names = "--status", required = true, description = "file for 'count=N last_ms=T'")
  Path status = Path.of("sink.status");

  @Option(names = "--dns", description = "also answer DNS (UDP) on this loopback address:port")
  @Nullable String dns;

  @Option(names = "--name", description = "the name --dns resolves to the --listen address"
      + " (default sink.bench.test)")
  String name = "sink.bench.test";

  @Option(names = "--interval-ms", description = "status file rewrite interval (default 20)")
  long intervalMs = 20;

  public static void main(String[] args) {
    System.exit(new CommandLine(new RelaySink()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    LoopbackTarget where = LoopbackTarget.parse(listen);
    SSLContext tls = cert == null ? null : context(cert, key == null ? cert : key);
    SinkCounter counter = new SinkCounter();
    SinkSession session = new SinkSession(counter, tls);
    counter.writeStatus(status);
    if (dns != null) {
      new SinkDns(LoopbackTarget.parse(dns).address(), name, where.address().getAddress()).start();
    }
    Thread.ofPlatform().daemon().name("sink-status").start(() -> writeLoop(counter));
    try (ServerSocket server = new ServerSocket()) {
      server.setReuseAddress(true);
      server.bind(where.address(), 1024);
      System.out.println("listening " + where + (tls == null ? "" : " starttls"));
      System.out.flush();
      while (true) {
        Socket s = server.accept();
        s.setTcpNoDelay(true);
        Thread.ofVirtual().name("sink-session").start(() -> {
          try (s) {
            session.serve(s);
          } catch (IOException e) {
            // the peer went away mid-session; nothing was counted for an unfinished message
          }
        });
      }
    }
  }

  private void writeLoop(SinkCounter counter) {
    while (true) {
      try {
        counter.writeStatus(status);
        Thread.sleep(intervalMs);
      } catch (IOException e) {
        System.err.println("sink: cannot write " + status + ": " + e);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  static SSLContext context(Path certificate, Path privateKey) throws Exception {
    KeyMaterial material = KeyMaterial.load(certificate, privateKey, Instant.now());
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    char[] pass = "sink".toCharArray();
    store.setKeyEntry("sink", material.privateKey(), pass,
        material.chain().toArray(new Certificate[0]));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, pass);
    SSLContext context = SSLContext.getInstance("TLS");
    try {
      context.init(kmf.getKeyManagers(), null, null);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("sink TLS context", e);
    }
    return context;
  }
}
