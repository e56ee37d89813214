package org.sealpost.config;

/**
 * One {@code [[auth.user]]}: a login name and a salted, slow password hash
 * ({@code pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>}, made by {@code sealpost passwd}).
 */
public record UserConfig(String name, String passwordHash) {}
