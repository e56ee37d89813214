package org.sealpost.mail;

/**
 * The DSN {@code ORCPT=} parameter (RFC 3461 §4.2): an address type (usually {@code rfc822}) and
 * the decoded address, kept exactly as given (case included, DSN-3).
 */
public record OriginalRecipient(String addressType, String address) {}
