package org.sealpost.smtp;

import java.io.IOException;

/**
 * The peer broke the SMTP syntax so badly that the conversation cannot go on: a malformed or
 * over-long reply, a reply whose lines disagree on the code. An {@link IOException}, because the
 * caller handles it like a dropped connection (RFC 5321 §3.8: act as on 451).
 */
public class SmtpProtocolException extends IOException {

  private static final long serialVersionUID = 1L;

  public SmtpProtocolException(String message) {
    super(message);
  }
}
