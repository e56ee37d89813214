package org.sealpost.inbound;

/** Checks a user name and password for SMTP AUTH (RFC 4954). Implementations take constant time. */
@FunctionalInterface
public interface Authenticator {

  boolean verify(String user, char[] password);

  /** An authenticator that knows no users: every attempt fails. */
  static Authenticator none() {
    return (user, password) -> false;
  }
}
