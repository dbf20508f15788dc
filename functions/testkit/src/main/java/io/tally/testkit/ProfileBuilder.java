package io.tally.testkit;

import io.tally.core.domain.consumer.ChannelEvent;
import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.consumer.ConsumerProfile;
import io.tally.core.domain.identity.Identifier;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Stored profiles for tests, folded from events the way the processor folds them:
 * {@code aProfile("demo", "c_1").withTrait("tier", "gold").seenIn("pos").withIdentifier("email:h1_ab").build()}.
 */
public final class ProfileBuilder {

    private final ConsumerKey key;
    private final List<ChannelEvent> events = new ArrayList<>();
    private final List<Identifier> identifiers = new ArrayList<>();
    private Instant at = ConsumerEventBuilder.DEFAULT_TIME;
    private String channel = "web";

    private ProfileBuilder(ConsumerKey key) {
        this.key = key;
    }

    public static ProfileBuilder aProfile(String brandId, String consumerId) {
        return new ProfileBuilder(new ConsumerKey(brandId, consumerId));
    }

    /** Events from here on are sent in {@code channelId}. */
    public ProfileBuilder seenIn(String channelId) {
        this.channel = channelId;
        events.add(new ChannelEvent(channelId, ConsumerEventBuilder.aTrackEvent().withEvent("Seen")
                .withUserId(key.consumerId()).withMessageId(key.consumerId() + "-" + events.size()).at(at).build()));
        return this;
    }

    public ProfileBuilder withTrait(String name, Object value) {
        events.add(new ChannelEvent(channel, ConsumerEventBuilder.anIdentifyEvent().withUserId(key.consumerId())
                .withTrait(name, value).withMessageId(key.consumerId() + "-" + events.size()).at(at).build()));
        return this;
    }

    public ProfileBuilder withConsent(String purpose, boolean granted) {
        events.add(new ChannelEvent(channel, ConsumerEventBuilder.aTrackEvent().withEvent("Consent")
                .withUserId(key.consumerId()).withConsent(purpose, granted)
                .withMessageId(key.consumerId() + "-" + events.size()).at(at).build()));
        return this;
    }

    /** An {@code Order Completed} of {@code revenue} in the current channel, at the current time. */
    public ProfileBuilder ordered(java.math.BigDecimal revenue) {
        return tracked("Order Completed", java.util.Map.of("revenue", revenue));
    }

    /** A {@code track} call of {@code event} with {@code properties} in the current channel, at the current time. */
    public ProfileBuilder tracked(String event, java.util.Map<String, Object> properties) {
        ConsumerEventBuilder builder = ConsumerEventBuilder.aTrackEvent().withEvent(event)
                .withUserId(key.consumerId()).withMessageId(key.consumerId() + "-" + events.size()).at(at);
        properties.forEach(builder::withProperty);
        events.add(new ChannelEvent(channel, builder.build()));
        return this;
    }

    /** An identifier key such as {@code userId:u1}, {@code member:pos:M1} or {@code email:h1_…}. */
    public ProfileBuilder withIdentifier(String identifierKey) {
        identifiers.add(Identifier.parse(identifierKey));
        return this;
    }

    /** Time of the events added after this. */
    public ProfileBuilder at(Instant time) {
        this.at = time;
        return this;
    }

    public ConsumerProfile build() {
        return ConsumerProfile.newProfile(key).apply(events, identifiers).profile();
    }
}
