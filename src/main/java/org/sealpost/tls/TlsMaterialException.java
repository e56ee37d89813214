package org.sealpost.tls;

/**
 * A certificate or key file that cannot be used. The message names the config key and the file,
 * e.g. {@code tls.certificate /etc/sealpost/cert.pem: no certificate found}.
 */
public final class TlsMaterialException extends Exception {

  private static final long serialVersionUID = 1L;

  public TlsMaterialException(String message) {
    super(message);
  }

  public TlsMaterialException(String message, Throwable cause) {
    super(message, cause);
  }
}
