package io.tally.local;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.tally.core.domain.access.KeyRole;
import io.tally.core.port.in.IssueKeyUseCase;
import io.tally.core.port.in.IssueKeyUseCase.IssueKeyCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The raw API keys of a local run, kept in {@code local-keys.json} in the state directory so that
 * {@code tally send} and {@code tally run-job} find them. Tally itself stores only their digests.
 * File layout: {@code {"<brand>": {"admin": "ta_…", "channels": {"web": "tw_…"}}}}.
 */
public final class LocalKeys {

    public static final String FILE_NAME = "local-keys.json";

    private final Map<String, Map<String, Object>> brands;

    private LocalKeys(Map<String, Map<String, Object>> brands) {
        this.brands = brands;
    }

    /** Issues an admin key per brand and a write key per channel. */
    public static LocalKeys issue(IssueKeyUseCase keys, Map<String, List<String>> channelsByBrand) {
        Map<String, Map<String, Object>> brands = new LinkedHashMap<>();
        channelsByBrand.forEach((brand, channels) -> {
            Map<String, String> channelKeys = new LinkedHashMap<>();
            for (String channel : channels) {
                channelKeys.put(channel, keys.issue(new IssueKeyCommand(brand, channel, KeyRole.WRITE)).rawKey());
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("admin", keys.issue(new IssueKeyCommand(brand, null, KeyRole.ADMIN)).rawKey());
            entry.put("channels", channelKeys);
            brands.put(brand, entry);
        });
        return new LocalKeys(brands);
    }

    public static Optional<LocalKeys> read(Path stateDir, JsonMapper json) {
        Path file = stateDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            Map<String, Map<String, Object>> brands = json.readValue(Files.readAllBytes(file),
                    Argument.mapOf(Argument.STRING, Argument.mapOf(String.class, Object.class)));
            return Optional.of(new LocalKeys(brands));
        } catch (IOException e) {
            throw CliFailure.unreadable("the key file", file, e);
        }
    }

    public void write(Path stateDir, JsonMapper json) {
        try {
            Files.createDirectories(stateDir);
            Files.write(stateDir.resolve(FILE_NAME), json.writeValueAsBytes(brands));
        } catch (IOException e) {
            throw new CliFailure("cannot write the keys to " + stateDir.resolve(FILE_NAME) + ": " + CliFailure.reason(e), e);
        }
    }

    public String adminKey(String brand) {
        return (String) brand(brand).get("admin");
    }

    @SuppressWarnings("unchecked")
    public String writeKey(String brand, String channel) {
        String key = ((Map<String, String>) brand(brand).get("channels")).get(channel);
        if (key == null) {
            throw new CliFailure("no saved write key for channel '" + channel + "' of brand '" + brand
                    + "'; saved channels: " + String.join(", ", channels(brand)) + " — pass one with --channel, or pass --key");
        }
        return key;
    }

    @SuppressWarnings("unchecked")
    public List<String> channels(String brand) {
        return List.copyOf(((Map<String, String>) brand(brand).get("channels")).keySet());
    }

    public List<String> brands() {
        return List.copyOf(brands.keySet());
    }

    private Map<String, Object> brand(String brand) {
        Map<String, Object> entry = brands.get(brand);
        if (entry == null) {
            throw new CliFailure("no saved keys for brand '" + brand + "'; saved brands: "
                    + String.join(", ", brands.keySet()) + " — pass one with --brand, or pass --key");
        }
        return entry;
    }
}
