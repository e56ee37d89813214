/**
 * Configuration: one TOML file read into immutable records. Every key has a default (all of them in
 * {@link org.sealpost.config.Defaults}); unknown keys and bad values stop start-up with
 * {@code file:line: what is wrong}.
 */
@NullMarked
package org.sealpost.config;

import org.jspecify.annotations.NullMarked;
