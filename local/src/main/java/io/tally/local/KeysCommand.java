package io.tally.local;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Map;
import java.util.concurrent.Callable;

/** {@code tally keys …}: a brand's channel write keys through the admin API. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "List, create, rotate and revoke a brand's channel write keys.",
        subcommands = {KeysCommand.List.class, KeysCommand.Create.class, KeysCommand.Rotate.class, KeysCommand.Revoke.class})
final class KeysCommand {

    private KeysCommand() {
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the brand's keys (never their secrets).")
    static final class List implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Override
        public Integer call() {
            return client.admin().call("GET", "/v1/admin/keys");
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Issue a write key for CHANNEL (shown once).")
    static final class Create implements Callable<Integer> {
        @Parameters(paramLabel = "CHANNEL")
        String channel;
        @Mixin
        ClientOptions client;

        @Override
        public Integer call() {
            return client.admin().call("POST", "/v1/admin/keys", Map.of("channel", channel));
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true, description = "Issue a new key for KEY_ID's channel; the old one works for --grace-seconds more.")
    static final class Rotate implements Callable<Integer> {
        @Parameters(paramLabel = "KEY_ID")
        String keyId;
        @Option(names = "--grace-seconds", defaultValue = "86400", description = "How long the old key keeps working (default: ${DEFAULT-VALUE})")
        long graceSeconds;
        @Mixin
        ClientOptions client;

        @Override
        public Integer call() {
            return client.admin().call("POST", ApiPath.of("/v1/admin/keys").segment(keyId).segment("rotate")
                    .query("graceSeconds", graceSeconds).toString());
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Stop KEY_ID now.")
    static final class Revoke implements Callable<Integer> {
        @Parameters(paramLabel = "KEY_ID")
        String keyId;
        @Mixin
        ClientOptions client;

        @Override
        public Integer call() {
            return client.admin().call("DELETE", ApiPath.of("/v1/admin/keys").segment(keyId).toString());
        }
    }
}
