package io.tally.core.port.in;

import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.consumer.ConsumerProfile;
import io.tally.core.domain.consumer.IdentifierType;

import java.util.Optional;

/** Reads consumer profiles by id or by an identifier a channel knows them by. */
public interface GetConsumerUseCase {

    Optional<ConsumerProfile> get(ConsumerKey key);

    Optional<ConsumerProfile> findByIdentifier(String brandId, IdentifierType type, String value);
}
