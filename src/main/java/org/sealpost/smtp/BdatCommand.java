package org.sealpost.smtp;

/** A parsed {@code BDAT <chunk-size> [LAST]} (RFC 3030 §2). */
public record BdatCommand(long size, boolean last) {}
