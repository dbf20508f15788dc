package io.tally.local;

import io.micronaut.json.JsonMapper;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Options shared by the commands that talk to a running stack. */
final class ClientOptions {

    @Option(names = "--url", defaultValue = "http://localhost:8080", converter = GatewayUrl.class,
            description = "Gateway URL (default: ${DEFAULT-VALUE})")
    URI url;

    @Option(names = "--brand", defaultValue = "demo", description = "Brand whose local keys to use (default: ${DEFAULT-VALUE})")
    String brand;

    @Option(names = "--key", description = "API key to use instead of the one in the state directory")
    String key;

    @Option(names = "--state-dir", defaultValue = ".tally",
            description = "Where 'tally up' saved the local keys (default: ${DEFAULT-VALUE}; the --data-dir if one was given)")
    Path stateDir;

    /** The admin API of the gateway at --url, called with {@link #adminKey}. */
    AdminClient admin() {
        JsonMapper json = JsonMapper.createDefault();
        return new AdminClient(new GatewayClient(url, json), adminKey(json), json, System.out);
    }

    /** --key, or the brand's admin key saved by 'tally up'. */
    String adminKey(JsonMapper json) {
        return key != null ? key : keys(json).adminKey(brand);
    }

    /** --key, or the write key of the brand's {@code channel} saved by 'tally up'. */
    String writeKey(JsonMapper json, String channel) {
        return key != null ? key : keys(json).writeKey(brand, channel);
    }

    private LocalKeys keys(JsonMapper json) {
        return LocalKeys.read(stateDir, json).orElseThrow(() -> new CliFailure("no saved keys at "
                + stateDir.resolve(LocalKeys.FILE_NAME) + " — start the stack with `./tally up` (after `up --data-dir DIR`,"
                + " pass --state-dir DIR) or pass --key"));
    }

    /** An absolute http or https URL, or a usage error (exit code 2) naming the option. */
    static final class GatewayUrl implements CommandLine.ITypeConverter<URI> {
        @Override
        public URI convert(String value) {
            try {
                URI url = new URI(value);
                if (("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))
                        && url.getHost() != null) {
                    return url;
                }
            } catch (URISyntaxException e) {
                // reported below, like any other value that is not a gateway URL
            }
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not an http:// or https:// URL such as http://localhost:8080");
        }
    }
}
