package io.tally.core.domain.segment;

/**
 * What a consumer's profile must still be when membership changes decided on it are written, so that a decision
 * taken on an older profile (a slower processor, an eventually consistent scan) never overwrites one taken on a
 * newer profile.
 *
 * @param kind    {@link Kind#AT_VERSION}: the profile is still at {@code version}; {@link Kind#ABSENT}: there is no
 *                profile; {@link Kind#NONE}: no condition (removing every membership of an erased or merged consumer)
 * @param version the profile version for {@link Kind#AT_VERSION}, else 0
 */
public record ProfileGuard(Kind kind, long version) {

    /** The condition's kind. */
    public enum Kind {
        AT_VERSION, ABSENT, NONE
    }

    /** No profile exists for the consumer. */
    public static final ProfileGuard ABSENT = new ProfileGuard(Kind.ABSENT, 0);
    /** No condition on the profile. */
    public static final ProfileGuard NONE = new ProfileGuard(Kind.NONE, 0);

    public ProfileGuard {
        if (kind == Kind.AT_VERSION ? version < 1 : version != 0) {
            throw new IllegalArgumentException(kind + " guard with version " + version);
        }
    }

    /** The profile is still at {@code version}. */
    public static ProfileGuard atVersion(long version) {
        return new ProfileGuard(Kind.AT_VERSION, version);
    }
}
