package io.tally.local;

import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Unit scope: which key a CLI command uses — --key, or the one 'tally up' saved in the state directory. Needs no network. */
class ClientOptionsTest {

    private static final JsonMapper JSON = JsonMapper.createDefault();

    @TempDir
    Path stateDir;

    private ClientOptions parse(String... args) {
        KeysCommand.List command = new KeysCommand.List();
        new CommandLine(command).parseArgs(args);
        return command.client;
    }

    @Test
    void givenSavedKeys_whenNoKeyIsPassed_thenTheBrandsSavedKeysAreUsed() throws Exception {
        Files.writeString(stateDir.resolve(LocalKeys.FILE_NAME),
                "{\"cdnow\": {\"admin\": \"ta_cdnow\", \"channels\": {\"web\": \"tw_cdnow_web\"}}}");

        ClientOptions options = parse("--state-dir", stateDir.toString(), "--brand", "cdnow");

        assertThat(options.adminKey(JSON)).isEqualTo("ta_cdnow");
        assertThat(options.writeKey(JSON, "web")).isEqualTo("tw_cdnow_web");
    }

    @Test
    void givenKeyOption_whenResolvingKeys_thenItIsUsedWithoutReadingTheStateDirectory() {
        ClientOptions options = parse("--state-dir", stateDir.resolve("absent").toString(), "--key", "ta_given");

        assertThat(options.adminKey(JSON)).isEqualTo("ta_given");
        assertThat(options.writeKey(JSON, "pos")).isEqualTo("ta_given");
    }

    @Test
    void givenNoSavedKeys_whenResolvingTheAdminKey_thenTheErrorSaysToStartTheStackOrPassKey() {
        ClientOptions options = parse("--state-dir", stateDir.toString());

        assertThatThrownBy(() -> options.adminKey(JSON)).isInstanceOf(CliFailure.class)
                .hasMessageContaining(stateDir.resolve(LocalKeys.FILE_NAME).toString())
                .hasMessageContaining("`./tally up`").hasMessageEndingWith("or pass --key");
    }
}
