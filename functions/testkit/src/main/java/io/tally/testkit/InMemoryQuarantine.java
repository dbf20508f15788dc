package io.tally.testkit;

import io.tally.core.domain.quarantine.QuarantineBatch;
import io.tally.core.domain.quarantine.QuarantinedEvent;
import io.tally.core.port.out.QuarantinePort;
import io.tally.core.port.out.QueueUnavailableException;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** {@link QuarantinePort} in a list; can be switched to refuse, like an unavailable bucket. */
public class InMemoryQuarantine implements QuarantinePort {

    private final List<QuarantineBatch> batches = new CopyOnWriteArrayList<>();
    private volatile boolean refusing;

    @Override
    public void store(QuarantineBatch batch) {
        if (refusing) {
            throw new QueueUnavailableException("quarantine refused the batch (simulated)", null);
        }
        batches.removeIf(b -> b.id().equals(batch.id()));
        batches.add(batch);
    }

    @Override
    public Map<String, Long> countsByReason(String brandId, LocalDate date) {
        return list(brandId, date, null).stream().collect(Collectors.groupingBy(QuarantineBatch::reason, TreeMap::new,
                Collectors.summingLong(b -> b.events().size())));
    }

    @Override
    public List<QuarantineBatch> list(String brandId, LocalDate date, String reason) {
        return batches.stream().filter(b -> b.brandId().equals(brandId))
                .filter(b -> LocalDate.ofInstant(b.receivedAt(), ZoneOffset.UTC).equals(date))
                .filter(b -> reason == null || b.reason().equals(reason)).toList();
    }

    @Override
    public void remove(QuarantineBatch batch) {
        batches.removeIf(b -> b.id().equals(batch.id()));
    }

    public void refuse(boolean refuse) {
        this.refusing = refuse;
    }

    public List<QuarantinedEvent> events() {
        return batches.stream().flatMap(b -> b.events().stream()).toList();
    }
}
