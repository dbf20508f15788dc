package io.tally.testkit;

import io.tally.core.domain.identity.Identifier;
import io.tally.core.port.out.IdentityGraphPort;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** {@link IdentityGraphPort} in a map, with the same conditional semantics as the DynamoDB adapter. */
public class InMemoryIdentityGraph implements IdentityGraphPort {

    private final Map<String, Link> links = new HashMap<>();

    private static String key(String brandId, Identifier id) {
        return brandId + '|' + id.key();
    }

    @Override
    public synchronized Map<Identifier, Link> find(String brandId, Collection<Identifier> identifiers) {
        Map<Identifier, Link> found = new HashMap<>();
        for (Identifier id : identifiers) {
            Link link = links.get(key(brandId, id));
            if (link != null) {
                found.put(id, link);
            }
        }
        return found;
    }

    @Override
    public synchronized boolean linkIfAbsent(String brandId, Identifier identifier, String consumerId,
                                             Instant now) {
        Link current = links.get(key(brandId, identifier));
        if (current != null && (current.blockedUntil() == null || current.blockedAt(now))) {
            return false;
        }
        links.put(key(brandId, identifier), new Link(consumerId, null));
        return true;
    }

    @Override
    public synchronized void block(String brandId, Identifier identifier, Instant until) {
        links.put(key(brandId, identifier), new Link(null, until));
    }

    synchronized boolean linkedTo(String brandId, Identifier identifier, String consumerId) {
        Link link = links.get(key(brandId, identifier));
        return link != null && consumerId.equals(link.consumerId());
    }

    synchronized void forceLink(String brandId, Identifier identifier, String consumerId) {
        links.put(key(brandId, identifier), new Link(consumerId, null));
    }

    public synchronized int size() {
        return links.size();
    }
}
