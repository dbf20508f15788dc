package io.tally.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Loads the sample invocation events and payloads kept in the repository's {@code events/} folder (on the
 * test classpath as {@code events/...}), so tests and local invokes use the same files.
 */
public final class SampleEvents {

    private SampleEvents() {
    }

    /** @param path relative to {@code events/}, e.g. {@code gateway/track.json} */
    public static String text(String path) {
        String resource = "events/" + path;
        try (InputStream in = SampleEvents.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample event " + resource + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sample event " + resource, e);
        }
    }
}
