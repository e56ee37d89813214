package org.sealpost.smtp;

/** A parsed {@code RCPT TO:<forward-path> [parameters]}. */
public record RcptToCommand(ForwardPath forwardPath, EsmtpParameters parameters) {}
