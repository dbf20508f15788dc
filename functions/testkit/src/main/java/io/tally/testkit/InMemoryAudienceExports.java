package io.tally.testkit;

import io.tally.core.domain.segment.SegmentExport;
import io.tally.core.port.out.AudienceExportPort;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link AudienceExportPort} in a map: files by URI ({@code mem://exports/…}); the link is the URI. */
public class InMemoryAudienceExports implements AudienceExportPort {

    private final Map<String, byte[]> files = new ConcurrentHashMap<>();

    @Override
    public SegmentExport store(String brandId, String segmentId, long version, byte[] csv, long rows) {
        String uri = "mem://exports/segments/brand=" + brandId + "/" + segmentId + "/v" + version + "/"
                + files.size() + ".csv";
        files.put(uri, csv.clone());
        return new SegmentExport(uri, uri, Instant.EPOCH.plusSeconds(86_400), rows, version);
    }

    /** The text of an exported file. */
    public String text(String uri) {
        byte[] bytes = files.get(uri);
        if (bytes == null) {
            throw new IllegalArgumentException("no export at " + uri);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
