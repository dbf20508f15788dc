package io.tally.core.domain.lifecycle;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/lifecycle.md shows the built-in configuration exactly as the code defines it. Needs the repository checkout. */
class LifecycleDocsTest {

    private static final Path DOC = Path.of("../../docs/lifecycle.md");

    @Test
    void givenLifecycleDoc_whenReadingIt_thenItContainsTheDefaultConfigurationAsJson() throws IOException {
        String doc = Files.readString(DOC);

        assertThat(doc).contains("```json\n" + LifecycleDefaults.json() + "\n```");
    }

    @Test
    void givenLifecycleDoc_whenReadingIt_thenItNamesEveryFactKindAndCondition() throws IOException {
        String doc = Files.readString(DOC);

        for (FactKind kind : FactKind.values()) {
            assertThat(doc).contains("`" + kind.code() + "`");
        }
        for (String condition : new String[]{"exposureWithinDays", "lastPurchaseWithinDays", "interactionWithinDays",
                "ordersWithinDays", "visitDaysWithinDays", "member", "lifetimeValueAtLeast", "ordersAtLeast", "all",
                "any", "not"}) {
            assertThat(doc).contains("`" + condition + "`");
        }
    }
}
