package org.sealpost.config;

/** One {@code [[listener]]}: a name for logs, its kind, and where it listens. */
public record ListenerConfig(String name, ListenerKind kind, String address, int port) {}
