package io.tally.core.domain.access;

/** What a key may do: a channel write key sends events; a brand admin key reads and manages. */
public enum KeyRole {
    WRITE("tw_"), ADMIN("ta_");

    private final String prefix;

    KeyRole(String prefix) {
        this.prefix = prefix;
    }

    /** Prefix of raw keys of this role, so a leaked key is recognizable in a secret scanner. */
    public String prefix() {
        return prefix;
    }
}
