package org.sealpost.config;

/**
 * {@code [log]}: the level ({@code error}, {@code warn}, {@code info}, {@code debug}) and whether
 * SMTP transcripts (AUTH redacted, never bodies) are logged at debug level.
 */
public record LogConfig(String level, boolean transcript) {}
