package io.tally.core.port.in;

import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.consumer.ConsumerProfile;
import io.tally.core.domain.identity.Identifier;

import java.util.Optional;

/** Reads consumer profiles by id or by an identifier a channel knows them by; merged ids lead to the survivor. */
public interface GetConsumerUseCase {

    Optional<ConsumerProfile> get(ConsumerKey key);

    /** @param identifier as stored: phone and email as keyed-hash tokens */
    Optional<ConsumerProfile> findByIdentifier(String brandId, Identifier identifier);
}
