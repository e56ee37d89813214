package org.sealpost.smtp;

/** A parsed {@code MAIL FROM:<reverse-path> [parameters]}. */
public record MailFromCommand(ReversePath reversePath, EsmtpParameters parameters) {}
