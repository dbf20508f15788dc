package io.tally.core.domain.access;

/** The brand has no (write) key with this id. */
public class KeyNotFoundException extends RuntimeException {

    public KeyNotFoundException(String brandId, String keyId) {
        super("brand " + brandId + " has no write key " + keyId);
    }
}
