package org.sealpost.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.sealpost.smtp.Reply;
import org.sealpost.smtp.Verb;
import org.sealpost.tls.KeyMaterial;
import org.sealpost.tls.TestPki;

/**
 * A scripted SMTP/LMTP server on a loopback address, for tests of outbound delivery: it does on
 * demand what real peers will not (no REQUIRETLS, a bad certificate, bytes injected after 220, a
 * drop mid-DATA) and records what the client sent. See the package documentation for an example.
 *
 * <p>Configuration methods return {@code this} and may be called between connections; a connection
 * uses the configuration current when it was accepted. Any number of connections are served, each
 * on its own virtual thread. Thread-safe.
 */
public final class FakeSmtpPeer implements AutoCloseable {

  /**
   * The extensions offered by default, before and inside TLS; STARTTLS is added before TLS when a
   * certificate is set, and REQUIRETLS inside TLS (RFC 8689 §2).
   */
  public static final List<String> STANDARD_EXTENSIONS = List.of("PIPELINING", "SIZE 10485760",
      "8BITMIME", "ENHANCEDSTATUSCODES", "SMTPUTF8", "DSN", "CHUNKING");

  private static final Duration TAKE_TIMEOUT = Duration.ofSeconds(5);

  private final ServerSocket server;
  private final Thread acceptor;
  private volatile Settings settings = Settings.defaults();
  private volatile boolean closing;
  private final List<Rule> rules = new ArrayList<>();
  private final BlockingQueue<Transaction> transactions = new LinkedBlockingQueue<>();
  private final BlockingQueue<Transcript> transcripts = new LinkedBlockingQueue<>();
  private final List<Violation> violations = new CopyOnWriteArrayList<>();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Set<Thread> sessions = ConcurrentHashMap.newKeySet();
  private final AtomicInteger connectionCount = new AtomicInteger();
  private final List<InetAddress> clientAddresses = new CopyOnWriteArrayList<>();
  private final AtomicInteger transactionCount = new AtomicInteger();
  private final AtomicInteger queueNumbers = new AtomicInteger();

  private FakeSmtpPeer(ServerSocket server) {
    this.server = server;
    this.acceptor = Thread.ofVirtual().name("fake-smtp-accept").start(this::acceptLoop);
  }

  /** Starts a peer on {@code loopbackAddress} (e.g. {@code "127.0.0.21"}) and a free port. */
  public static FakeSmtpPeer start(String loopbackAddress) throws IOException {
    return start(loopbackAddress, 0);
  }

  /**
   * Starts a peer on {@code loopbackAddress} and {@code port} (0: a free one).
   *
   * @throws IllegalArgumentException for an address outside 127.0.0.0/8 and ::1
   */
  public static FakeSmtpPeer start(String loopbackAddress, int port) throws IOException {
    InetAddress address = InetAddress.getByName(loopbackAddress);
    if (!address.isLoopbackAddress()) {
      throw new IllegalArgumentException("not a loopback address: " + loopbackAddress);
    }
    return new FakeSmtpPeer(new ServerSocket(port, 50, address));
  }

  public InetSocketAddress address() {
    return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
  }

  public int port() {
    return server.getLocalPort();
  }

  /** The name in the default greeting and EHLO reply (default {@code mx.fake.test}). */
  public FakeSmtpPeer hostname(String hostname) {
    settings = settings.withHostname(hostname);
    return this;
  }

  /** The greeting, e.g. {@code Reply.of(554, "5.3.2", "No service")}; default {@code 220 ...}. */
  public FakeSmtpPeer greeting(Reply greeting) {
    settings = settings.withGreeting(greeting);
    return this;
  }

  /** The EHLO/LHLO extension lines before TLS, e.g. {@code "PIPELINING", "STARTTLS"}. */
  public FakeSmtpPeer ehloBeforeTls(String... lines) {
    settings = settings.withEhloBeforeTls(List.of(lines));
    return this;
  }

  /** The EHLO/LHLO extension lines inside TLS; leave out REQUIRETLS to test RT-23. */
  public FakeSmtpPeer ehloAfterTls(String... lines) {
    settings = settings.withEhloAfterTls(List.of(lines));
    return this;
  }

  /** The key and chain the peer presents in TLS, used as given (expired, wrong name, ...). */
  public FakeSmtpPeer certificate(KeyMaterial material) {
    settings = settings.withCertificate(material);
    return this;
  }

  /** {@link #certificate(KeyMaterial)} for a {@link TestPki} certificate. */
  public FakeSmtpPeer certificate(TestPki.Issued issued) {
    return certificate(issued.material());
  }

  /** What STARTTLS does; default {@link StartTlsBehaviour#NORMAL}. */
  public FakeSmtpPeer startTls(StartTlsBehaviour behaviour) {
    settings = settings.withStartTls(behaviour);
    return this;
  }

  /**
   * When true, every command but EHLO, HELO, LHLO, NOOP, STARTTLS and QUIT outside TLS gets {@code
   * 530 5.7.0 Must issue a STARTTLS command first} (RFC 3207 §4, TLS-3).
   */
  public FakeSmtpPeer requireStartTls(boolean required) {
    settings = settings.withRequireStartTls(required);
    return this;
  }

  /** SMTP, HELO-only SMTP, or LMTP; default {@link Dialect#ESMTP}. */
  public FakeSmtpPeer dialect(Dialect dialect) {
    settings = settings.withDialect(dialect);
    return this;
  }

  /** How long the peer waits for the client's next bytes; default 30 s. */
  public FakeSmtpPeer readTimeout(Duration timeout) {
    settings = settings.withReadTimeout(timeout);
    return this;
  }

  /** Adds a scripted override; see {@link Rule}. */
  public FakeSmtpPeer enqueue(Rule rule) {
    synchronized (rules) {
      rules.add(rule);
    }
    return this;
  }

  /** The next finished transaction, waiting up to 5 s. */
  public Transaction takeTransaction() throws InterruptedException {
    return takeTransaction(TAKE_TIMEOUT);
  }

  /**
   * The next finished transaction, in the order the bodies were received.
   *
   * @throws AssertionError when none comes within {@code timeout}
   */
  public Transaction takeTransaction(Duration timeout) throws InterruptedException {
    Transaction t = transactions.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    if (t == null) {
      throw new AssertionError("no transaction within " + timeout);
    }
    return t;
  }

  /** The transcript of the next connection to end, waiting up to 5 s. */
  public Transcript takeTranscript() throws InterruptedException {
    return takeTranscript(TAKE_TIMEOUT);
  }

  /**
   * The transcript of the next connection to end, in the order they ended.
   *
   * @throws AssertionError when none ends within {@code timeout}
   */
  public Transcript takeTranscript(Duration timeout) throws InterruptedException {
    Transcript t = transcripts.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    if (t == null) {
      throw new AssertionError("no connection ended within " + timeout);
    }
    return t;
  }

  /** Connections accepted so far. */
  public int connectionCount() {
    return connectionCount.get();
  }

  /** The address each connection came from, in order of acceptance (to test source binding). */
  public List<InetAddress> clientAddresses() {
    return List.copyOf(clientAddresses);
  }

  /** Transactions whose body was received in full so far (taken or not). */
  public int transactionCount() {
    return transactionCount.get();
  }

  /** Every protocol violation by any client so far, in order of detection (SEC-6 checks). */
  public List<Violation> violations() {
    return List.copyOf(violations);
  }

  /** Stops listening, closes every connection and waits briefly for their threads. */
  @Override
  public void close() throws IOException {
    closing = true;
    server.close();
    for (Socket s : open) {
      s.close();
    }
    try {
      acceptor.join(Duration.ofSeconds(2));
      for (Thread t : sessions) {
        t.interrupt(); // ends a scripted delay
        t.join(Duration.ofSeconds(2));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void acceptLoop() {
    while (!closing) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      clientAddresses.add(socket.getInetAddress());
      connectionCount.incrementAndGet();
      open.add(socket);
      PeerSession session = new PeerSession(this, socket, settings);
      Thread thread = Thread.ofVirtual().name("fake-smtp-" + socket.getPort()).unstarted(() -> {
        try {
          session.run();
        } finally {
          open.remove(socket);
          sessions.remove(Thread.currentThread());
        }
      });
      sessions.add(thread);
      thread.start();
    }
  }

  // --- called by sessions ---

  /** The first rule for this point, removed unless it is {@link Rule#always()}. */
  @Nullable Rule takeRule(Rule.Point point, @Nullable Verb verb, @Nullable String address) {
    synchronized (rules) {
      for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
        Rule rule = it.next();
        if (rule.matches(point, verb, address)) {
          if (!rule.isAlways()) {
            it.remove();
          }
          return rule;
        }
      }
      return null;
    }
  }

  boolean closing() {
    return closing;
  }

  int nextQueueNumber() {
    return queueNumbers.incrementAndGet();
  }

  void violation(Violation v) {
    violations.add(v);
  }

  void transaction(Transaction t) {
    transactionCount.incrementAndGet();
    transactions.add(t);
  }

  void ended(Transcript t) {
    transcripts.add(t);
  }
}
