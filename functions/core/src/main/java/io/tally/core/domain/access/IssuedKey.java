package io.tally.core.domain.access;

/** A freshly issued key: the raw secret (shown once, never stored) and what was stored. */
public record IssuedKey(String rawKey, ApiKey key) {
}
