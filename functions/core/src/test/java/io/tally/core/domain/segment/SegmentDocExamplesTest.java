package io.tally.core.domain.segment;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Every JSON example in {@code docs/segments.md} is a valid rule or segment definition. Reads the doc from the
 * repository (run from the module's directory, as Maven does).
 */
class SegmentDocExamplesTest {

    private static final Path DOC = Path.of("../../docs/segments.md");
    private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);

    @Test
    void givenTheLanguageReference_whenCompilingEveryJsonExample_thenEachIsValid() throws IOException {
        List<String> examples = examples(Files.readString(DOC));

        assertThat(examples).hasSizeGreaterThanOrEqualTo(20);
        for (String example : examples) {
            var json = TestJson.object(example);
            assertThatCode(() -> {
                if (json.containsKey("id")) {
                    RuleCompiler.compileSegment(json);
                } else {
                    RuleCompiler.compile(json);
                }
            }).as(example).doesNotThrowAnyException();
        }
    }

    /** The blocks' JSON documents: a whole block, or each line of a block listing one rule per line. */
    private static List<String> examples(String markdown) {
        List<String> examples = new ArrayList<>();
        Matcher block = JSON_BLOCK.matcher(markdown);
        while (block.find()) {
            String text = block.group(1).trim();
            try {
                TestJson.parse(text);
                examples.add(text);
            } catch (RuntimeException notOneDocument) {
                text.lines().filter(line -> !line.isBlank()).forEach(examples::add);
            }
        }
        return examples;
    }
}
