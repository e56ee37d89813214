package org.sealpost.mail;

/** What a TLS session negotiated, as recorded in trace fields and the spool (e.g. TLSv1.3, TLS_AES_256_GCM_SHA384). */
public record TlsFacts(String protocol, String cipherSuite) {}
