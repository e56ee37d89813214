package org.sealpost.config;

/** {@code [requiretls]}: RFC 8689 options. */
public record RequireTlsConfig(DraftSyntax draftSyntax) {}
