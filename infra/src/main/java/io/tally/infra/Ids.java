package io.tally.infra;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Construct ids derived from the catalog's logical names ({@code segmenter-worker} → {@code SegmenterWorker}). */
final class Ids {

    private Ids() {
    }

    static String pascal(String logicalName) {
        return Arrays.stream(logicalName.split("[^A-Za-z0-9]+"))
                .filter(part -> !part.isEmpty())
                .map(part -> part.substring(0, 1).toUpperCase(Locale.ROOT) + part.substring(1))
                .collect(Collectors.joining());
    }
}
