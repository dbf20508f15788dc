package io.tally.core.domain.lifecycle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventMappingTest {

    private static final Instant AT = Instant.parse("2024-05-01T12:00:00Z");
    private static final EventMapping DEFAULTS = EventMapping.defaults();

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "Ad Impression, EXPOSURE",
            "Search Impression, EXPOSURE",
            "Promotion Viewed, EXPOSURE",
            "Product Viewed, VIEW",
            "Product List Viewed, VIEW",
            "Products Searched, SEARCH",
            "Product Clicked, CLICK",
            "Store Visited, STORE_VISIT",
            "Followed, FOLLOW",
            "Product Added to Wishlist, FAVORITE",
            "Product Added, CART_ADD",
            "Sample Requested, SAMPLE",
            "Coupon Applied, COUPON_CLAIM",
            "Coupon Entered, COUPON_CLAIM",
            "Checkout Started, CHECKOUT_STARTED",
            "Deposit Paid, PRESALE_DEPOSIT",
            "Pre-sale Deposit, PRESALE_DEPOSIT",
            "Member Joined, MEMBERSHIP_JOINED",
            "Product Shared, SHARE",
            "Cart Shared, SHARE",
            "Order Completed, PURCHASE",
            "Order Refunded, REFUND"})
    void givenSegmentEcommerceTrackEvent_whenMappingWithDefaults_thenYieldsItsFactKind(String event, FactKind kind) {
        assertThat(DEFAULTS.map("track", event, Map.of(), Map.of(), AT)).extracting(FactEvent::kind).containsExactly(kind);
    }

    @Test
    void givenPageAndScreenCalls_whenMapping_thenEachIsAView() {
        assertThat(DEFAULTS.map("page", null, Map.of("path", "/"), null, AT)).containsExactly(FactEvent.of(FactKind.VIEW, AT));
        assertThat(DEFAULTS.map("screen", null, null, null, AT)).containsExactly(FactEvent.of(FactKind.VIEW, AT));
    }

    @Test
    void givenEventNameInSnakeOrOtherCase_whenMapping_thenMatchesTheSpecName() {
        assertThat(DEFAULTS.map("track", "order_completed", Map.of("revenue", 5), null, AT))
                .containsExactly(FactEvent.purchase(AT, new BigDecimal("5")));
        assertThat(DEFAULTS.map("TRACK", "  product  ADDED ", Map.of(), null, AT))
                .extracting(FactEvent::kind).containsExactly(FactKind.CART_ADD);
        assertThat(DEFAULTS.map("track", "pre_sale deposit", Map.of(), null, AT))
                .extracting(FactEvent::kind).containsExactly(FactKind.PRESALE_DEPOSIT);
    }

    @Test
    void givenUnknownEventOrCallType_whenMapping_thenNoFacts() {
        assertThat(DEFAULTS.map("track", "Product Removed", Map.of(), null, AT)).isEmpty();
        assertThat(DEFAULTS.map("track", null, Map.of(), null, AT)).isEmpty();
        assertThat(DEFAULTS.map("group", null, Map.of(), Map.of("member", true), AT)).isEmpty();
        assertThat(DEFAULTS.map(null, "Order Completed", Map.of(), null, AT)).isEmpty();
    }

    @Test
    void givenOrderWithRevenueAndTotal_whenMapping_thenAmountIsRevenue() {
        assertThat(DEFAULTS.map("track", "Order Completed", Map.of("revenue", 25.5, "total", 30), null, AT))
                .containsExactly(FactEvent.purchase(AT, new BigDecimal("25.5")));
    }

    @Test
    void givenOrderWithTotalOnly_whenMapping_thenAmountIsTotal() {
        assertThat(DEFAULTS.map("track", "Order Completed", Map.of("total", "19.99"), null, AT))
                .containsExactly(FactEvent.purchase(AT, new BigDecimal("19.99")));
    }

    @Test
    void givenOrderWithProductsOnly_whenMapping_thenAmountIsSumOfPriceTimesQuantity() {
        Map<String, Object> properties = Map.of("products", List.of(
                Map.of("price", 10.25, "quantity", 2),
                Map.of("price", 5),
                Map.of("sku", "no-price")));

        assertThat(DEFAULTS.map("track", "Order Completed", properties, null, AT))
                .containsExactly(FactEvent.purchase(AT, new BigDecimal("25.50")));
    }

    @Test
    void givenOrderWithoutAnyAmount_whenMapping_thenPurchaseOfZero() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("revenue", "n/a");
        properties.put("total", null);

        assertThat(DEFAULTS.map("track", "Order Completed", properties, null, AT))
                .containsExactly(FactEvent.purchase(AT, BigDecimal.ZERO));
    }

    @Test
    void givenNegativeAmounts_whenMapping_thenRefundIsPositiveAndOrderIsZero() {
        assertThat(DEFAULTS.map("track", "Order Refunded", Map.of("total", -30), null, AT))
                .containsExactly(FactEvent.refund(AT, new BigDecimal("30")));
        assertThat(DEFAULTS.map("track", "Order Completed", Map.of("revenue", -3), null, AT))
                .containsExactly(FactEvent.purchase(AT, BigDecimal.ZERO));
    }

    @Test
    void givenProductReviewed_whenMapping_thenPositiveOnlyFromRatingFour() {
        assertThat(DEFAULTS.map("track", "Product Reviewed", Map.of("rating", 4), null, AT))
                .containsExactly(FactEvent.of(FactKind.REVIEW_POSITIVE, AT));
        assertThat(DEFAULTS.map("track", "Product Reviewed", Map.of("rating", "5"), null, AT)).hasSize(1);
        assertThat(DEFAULTS.map("track", "Product Reviewed", Map.of("rating", 3.5), null, AT)).isEmpty();
        assertThat(DEFAULTS.map("track", "Product Reviewed", Map.of("review_body", "meh"), null, AT)).isEmpty();
    }

    @Test
    void givenIdentifyWithMembershipTrait_whenMapping_thenJoinsOrLeaves() {
        assertThat(DEFAULTS.map("identify", null, null, Map.of("member", true), AT))
                .containsExactly(FactEvent.of(FactKind.MEMBERSHIP_JOINED, AT));
        assertThat(DEFAULTS.map("identify", null, null, Map.of("member", "FALSE"), AT))
                .containsExactly(FactEvent.of(FactKind.MEMBERSHIP_LEFT, AT));
        assertThat(DEFAULTS.map("identify", null, null, Map.of("email", "x@example.com"), AT)).isEmpty();
        assertThat(DEFAULTS.map("identify", null, null, Map.of("member", "gold"), AT)).isEmpty();
        assertThat(DEFAULTS.map("identify", null, null, null, AT)).isEmpty();
    }

    @Test
    void givenBrandOverrides_whenParsing_thenTheyApplyOnTopOfTheDefaults() {
        Map<String, Object> track = new LinkedHashMap<>();
        track.put("Gift Wrapped", List.of("favorite", "share"));
        track.put("product_clicked", List.of());
        track.put("Product Viewed", "search");
        Map<String, Object> events = new LinkedHashMap<>();
        events.put("track", track);
        events.put("page", null);
        events.put("membershipTrait", "vip");
        events.put("positiveReviewMinRating", 5);

        EventMapping mapping = EventMapping.parse(Map.of("events", events));

        assertThat(mapping.map("track", "Gift Wrapped", null, null, AT)).extracting(FactEvent::kind)
                .containsExactly(FactKind.FAVORITE, FactKind.SHARE);
        assertThat(mapping.map("track", "Product Clicked", null, null, AT)).isEmpty();
        assertThat(mapping.map("track", "Product Viewed", null, null, AT)).extracting(FactEvent::kind)
                .containsExactly(FactKind.SEARCH);
        assertThat(mapping.map("track", "Checkout Started", null, null, AT)).extracting(FactEvent::kind)
                .containsExactly(FactKind.CHECKOUT_STARTED);
        assertThat(mapping.map("page", null, null, null, AT)).isEmpty();
        assertThat(mapping.map("screen", null, null, null, AT)).hasSize(1);
        assertThat(mapping.map("identify", null, null, Map.of("vip", true), AT)).hasSize(1);
        assertThat(mapping.map("identify", null, null, Map.of("member", true), AT)).isEmpty();
        assertThat(mapping.map("track", "Product Reviewed", Map.of("rating", 4), null, AT)).isEmpty();
    }

    @Test
    void givenNoEventsSection_whenParsing_thenDefaults() {
        assertThat(EventMapping.parse(Map.of("models", Map.of()))).isSameAs(EventMapping.defaults());
    }

    @Test
    void givenInvalidEventsSection_whenParsing_thenEveryErrorIsListedWithItsPath() {
        Map<String, Object> track = new LinkedHashMap<>();
        track.put("Product Viewed", "veiw");
        track.put("Gift Wrapped", List.of("favorite", 7));
        track.put("Gift_Wrapped", "share");
        track.put(" ", "view");
        Map<String, Object> events = new LinkedHashMap<>();
        events.put("track", track);
        events.put("screen", "scroll");
        events.put("membershipTrait", " ");
        events.put("positiveReviewMinRating", -1);
        events.put("pages", "view");

        assertThatThrownBy(() -> EventMapping.parse(Map.of("events", events)))
                .isInstanceOfSatisfying(InvalidEventMappingException.class, e -> assertThat(e.errors())
                        .extracting(ConfigError::toString)
                        .containsExactlyInAnyOrder(
                                "events.pages: unknown field; expected one of membershipTrait, page, "
                                        + "positiveReviewMinRating, screen, track",
                                "events.track[\"Product Viewed\"]: unknown fact kind \"veiw\"; expected one of "
                                        + FactKind.codes() + ", or review",
                                "events.track[\"Gift Wrapped\"][1]: unknown fact kind 7; expected one of "
                                        + FactKind.codes() + ", or review",
                                "events.track.Gift_Wrapped: names the same event as \"Gift Wrapped\"",
                                "events.track[\" \"]: event name must not be blank",
                                "events.screen: unknown fact kind \"scroll\"; expected one of " + FactKind.codes()
                                        + ", or review",
                                "events.membershipTrait: must be a trait name or null",
                                "events.positiveReviewMinRating: must be a non-negative number"))
                .hasMessageStartingWith("invalid event mapping (8 errors): ");
    }
}
