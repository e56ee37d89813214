package org.sealpost.config;

import java.nio.file.Path;

/** {@code [spool]}: where queued messages live; relative paths are under the data dir. */
public record SpoolConfig(Path directory) {}
