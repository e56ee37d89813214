package org.sealpost.config;

import java.nio.file.Path;

/**
 * {@code [server]}: the name Sealpost gives itself in greetings, EHLO and Received fields, and the
 * folder that holds its state (spool, generated certificate).
 */
public record ServerConfig(String hostname, Path dataDir) {}
