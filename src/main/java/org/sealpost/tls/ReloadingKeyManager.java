package org.sealpost.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.jspecify.annotations.Nullable;

/**
 * Serves whatever key and chain were installed last, so a renewed certificate takes effect for the
 * next handshake without a restart. Each installation gets a new alias: JSSE asks for the alias
 * first and for the key and chain later, and a reload in between must not pair a new chain with an
 * old key. The previous generation stays resolvable for handshakes already under way.
 */
final class ReloadingKeyManager extends X509ExtendedKeyManager {

  private record Generation(String alias, KeyMaterial material) {}

  private final AtomicLong counter = new AtomicLong();
  private volatile Generation current;
  private volatile @Nullable Generation previous;

  ReloadingKeyManager(KeyMaterial initial) {
    current = new Generation("sealpost-0", initial);
  }

  synchronized void install(KeyMaterial material) {
    previous = current;
    current = new Generation("sealpost-" + counter.incrementAndGet(), material);
  }

  KeyMaterial material() {
    return current.material();
  }

  /** JSSE names key types "RSA", "EC", "RSASSA-PSS", and for TLS 1.2 sometimes "EC_EC"/"EC_RSA". */
  private @Nullable String aliasFor(String keyType) {
    Generation g = current;
    String algorithm = g.material().privateKey().getAlgorithm();
    return keyType.equals(algorithm) || keyType.startsWith(algorithm + "_") ? g.alias() : null;
  }

  private @Nullable Generation find(String alias) {
    Generation g = current;
    if (g.alias().equals(alias)) {
      return g;
    }
    Generation p = previous;
    return p != null && p.alias().equals(alias) ? p : null;
  }

  @Override
  public @Nullable String chooseServerAlias(String keyType, Principal @Nullable [] issuers,
      @Nullable Socket socket) {
    return aliasFor(keyType);
  }

  @Override
  public @Nullable String chooseEngineServerAlias(String keyType, Principal @Nullable [] issuers,
      @Nullable SSLEngine engine) {
    return aliasFor(keyType);
  }

  @Override
  public String @Nullable [] getServerAliases(String keyType, Principal @Nullable [] issuers) {
    String alias = aliasFor(keyType);
    return alias == null ? null : new String[] {alias};
  }

  @Override
  public X509Certificate @Nullable [] getCertificateChain(String alias) {
    Generation g = find(alias);
    return g == null ? null : g.material().chain().toArray(X509Certificate[]::new);
  }

  @Override
  public @Nullable PrivateKey getPrivateKey(String alias) {
    Generation g = find(alias);
    return g == null ? null : g.material().privateKey();
  }

  // A server key manager: Sealpost presents no client certificate with this one.

  @Override
  public String @Nullable [] getClientAliases(String keyType, Principal @Nullable [] issuers) {
    return null;
  }

  @Override
  public @Nullable String chooseClientAlias(String[] keyType, Principal @Nullable [] issuers,
      @Nullable Socket socket) {
    return null;
  }
}
