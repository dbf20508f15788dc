package io.tally.core.domain.lifecycle;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a consumer did, as far as lifecycle stages care. Each kind has a stable lower-case {@link #code()} used in
 * brand configuration ({@code "kinds": ["view", "click"]}) and in stored facts.
 */
public enum FactKind {
    /** Passive exposure: an ad or search impression. */
    EXPOSURE("exposure"),
    VIEW("view"),
    CLICK("click"),
    SEARCH("search"),
    STORE_VISIT("store_visit"),
    FOLLOW("follow"),
    FAVORITE("favorite"),
    CART_ADD("cart_add"),
    /** A sample or trial requested. */
    SAMPLE("sample"),
    COUPON_CLAIM("coupon_claim"),
    CHECKOUT_STARTED("checkout_started"),
    PRESALE_DEPOSIT("presale_deposit"),
    /** An order, with its amount. */
    PURCHASE("purchase"),
    /** A refund, with its amount. */
    REFUND("refund"),
    MEMBERSHIP_JOINED("membership_joined"),
    MEMBERSHIP_LEFT("membership_left"),
    REVIEW_POSITIVE("review_positive"),
    SHARE("share");

    private static final Map<String, FactKind> BY_CODE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(FactKind::code, Function.identity()));

    private static final Set<FactKind> INTERACTIONS = EnumSet.of(VIEW, CLICK, SEARCH, STORE_VISIT, FOLLOW, FAVORITE,
            CART_ADD, SAMPLE, COUPON_CLAIM, CHECKOUT_STARTED, PRESALE_DEPOSIT);

    private static final Set<FactKind> VISITS = EnumSet.of(VIEW, CLICK, SEARCH, STORE_VISIT);

    private final String code;

    FactKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<FactKind> fromCode(String code) {
        return Optional.ofNullable(code == null ? null : BY_CODE.get(code));
    }

    /** The active interactions: every kind from {@link #VIEW} to {@link #PRESALE_DEPOSIT}. */
    public static Set<FactKind> interactions() {
        return EnumSet.copyOf(INTERACTIONS);
    }

    /** Whether this kind carries an amount ({@link #PURCHASE}, {@link #REFUND}). */
    public boolean isMonetary() {
        return this == PURCHASE || this == REFUND;
    }

    /** Whether a fact of this kind marks its UTC day as a visit day (view, click, search, store visit). */
    public boolean isVisit() {
        return VISITS.contains(this);
    }

    /** Every code, in declaration order, for error messages and docs. */
    public static String codes() {
        return Arrays.stream(values()).map(FactKind::code).collect(Collectors.joining(", "));
    }
}
