package io.tally.core.domain.lifecycle;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in lifecycle configuration, as the JSON-compatible tree a brand would write: the Segment e-commerce
 * event mapping ({@code events}) and the AIPL and DEEPLINK models ({@code models}). docs/lifecycle.md shows it as
 * JSON ({@link #json()}), and a test keeps the two identical.
 */
public final class LifecycleDefaults {

    /** Windows of the default models, in days. */
    public static final int EXPOSURE_DAYS = 30;
    public static final int INTERACTION_DAYS = 30;
    public static final int PURCHASE_DAYS = 365;
    public static final int ADVOCACY_DAYS = 365;
    public static final int HIGH_INTENT_DAYS = 7;
    public static final int PRESALE_DAYS = 30;
    public static final int REPEAT_VISIT_DAYS = 30;
    public static final int REPEAT_VISIT_MIN_DAYS = 3;
    /** Lifetime value (net of refunds, brand currency) that makes a member "Keep" without repeat orders. */
    public static final int KEEP_LIFETIME_VALUE = 500;

    private static final Map<String, Object> CONFIG = obj(
            "events", events(),
            "models", obj(
                    "aipl", aipl(),
                    "deeplink", deeplink()));

    private LifecycleDefaults() {
    }

    /** {@code {"events": {...}, "models": {"aipl": {...}, "deeplink": {...}}}}, unmodifiable. */
    public static Map<String, Object> config() {
        return CONFIG;
    }

    /** {@link #config()} as indented JSON text. */
    public static String json() {
        return JsonText.pretty(CONFIG);
    }

    private static Map<String, Object> events() {
        return obj(
                "track", obj(
                        "Ad Impression", "exposure",
                        "Search Impression", "exposure",
                        "Promotion Viewed", "exposure",
                        "Product Viewed", "view",
                        "Product List Viewed", "view",
                        "Cart Viewed", "view",
                        "Products Searched", "search",
                        "Product Clicked", "click",
                        "Promotion Clicked", "click",
                        "Store Visited", "store_visit",
                        "Followed", "follow",
                        "Product Added to Wishlist", "favorite",
                        "Product Added", "cart_add",
                        "Wishlist Product Added to Cart", "cart_add",
                        "Sample Requested", "sample",
                        "Coupon Applied", "coupon_claim",
                        "Coupon Entered", "coupon_claim",
                        "Checkout Started", "checkout_started",
                        "Deposit Paid", "presale_deposit",
                        "Pre-sale Deposit", "presale_deposit",
                        "Order Completed", "purchase",
                        "Order Refunded", "refund",
                        "Member Joined", "membership_joined",
                        "Member Left", "membership_left",
                        "Product Reviewed", "review",
                        "Product Shared", "share",
                        "Cart Shared", "share"),
                "page", "view",
                "screen", "view",
                "membershipTrait", "member",
                "positiveReviewMinRating", 4);
    }

    private static Map<String, Object> aipl() {
        return obj(
                "name", "AIPL",
                "stages", List.of(
                        stage("L", "Loyalty", obj("any", List.of(
                                repeatPurchase(),
                                obj("member", true),
                                advocacy()))),
                        stage("P", "Purchase", obj("lastPurchaseWithinDays", PURCHASE_DAYS)),
                        stage("I", "Interest", within(INTERACTION_DAYS, FactKind.interactions().stream()
                                .map(FactKind::code).toArray(String[]::new))),
                        stage("A", "Awareness", obj("exposureWithinDays", EXPOSURE_DAYS))));
    }

    private static Map<String, Object> deeplink() {
        return obj(
                "name", "DEEPLINK",
                "stages", List.of(
                        stage("KEEP", "Keep", obj("all", List.of(
                                obj("member", true),
                                obj("any", List.of(
                                        repeatPurchase(),
                                        obj("lifetimeValueAtLeast", KEEP_LIFETIME_VALUE),
                                        advocacy()))))),
                        stage("NURTURE", "Nurture", obj("member", true)),
                        stage("INHERIT", "Inherit", repeatPurchase()),
                        stage("LEAD", "Lead", obj("ordersWithinDays", obj("days", PURCHASE_DAYS, "min", 1, "max", 1))),
                        stage("PERFORM", "Perform", obj("any", List.of(
                                within(HIGH_INTENT_DAYS, "checkout_started", "cart_add"),
                                within(PRESALE_DAYS, "presale_deposit")))),
                        stage("ENTHUSE", "Enthuse", obj("any", List.of(
                                within(INTERACTION_DAYS, "favorite", "cart_add", "follow", "coupon_claim", "sample"),
                                obj("visitDaysWithinDays", obj("days", REPEAT_VISIT_DAYS, "min", REPEAT_VISIT_MIN_DAYS))))),
                        stage("ENGAGE", "Engage", within(INTERACTION_DAYS, "view", "click", "search", "store_visit")),
                        stage("DISCOVER", "Discover", obj("exposureWithinDays", EXPOSURE_DAYS))));
    }

    private static Map<String, Object> repeatPurchase() {
        return obj("ordersWithinDays", obj("days", PURCHASE_DAYS, "min", 2));
    }

    private static Map<String, Object> advocacy() {
        return within(ADVOCACY_DAYS, "review_positive", "share");
    }

    private static Map<String, Object> within(int days, String... kinds) {
        return obj("interactionWithinDays", obj("kinds", List.of(kinds), "days", days));
    }

    private static Map<String, Object> stage(String code, String name, Map<String, Object> when) {
        return obj("code", code, "name", name, "when", when);
    }

    private static Map<String, Object> obj(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
