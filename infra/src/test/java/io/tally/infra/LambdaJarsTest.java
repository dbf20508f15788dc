package io.tally.infra;

import io.tally.catalog.TallyCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A missing jar stops the synth with instructions, instead of deploying a function without code. */
class LambdaJarsTest {

    @Test
    void aMissingJarFailsWithBuildInstructions(@TempDir Path empty) {
        String previous = System.setProperty(LambdaJars.PROPERTY, empty.toString());
        try {
            LambdaJars jars = LambdaJars.locate();
            assertThatThrownBy(() -> jars.jar(TallyCatalog.function(TallyCatalog.GATEWAY)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("tally-gateway.jar")
                    .hasMessageContaining("mvn -B package -DskipTests");
        } finally {
            restore(previous);
        }
    }

    @Test
    void aConfiguredDirectoryThatDoesNotExistIsNotSilentlyReplaced(@TempDir Path parent) {
        String previous = System.setProperty(LambdaJars.PROPERTY, parent.resolve("nowhere").toString());
        try {
            assertThatThrownBy(LambdaJars::locate)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("nowhere");
        } finally {
            restore(previous);
        }
    }

    @Test
    void jarsAreNamedAfterTheModuleWithoutVersionOrClassifier(@TempDir Path directory) throws Exception {
        Files.createFile(directory.resolve("tally-segmenter.jar"));
        String previous = System.setProperty(LambdaJars.PROPERTY, directory.toString());
        try {
            LambdaJars jars = LambdaJars.locate();
            // the planner and the worker both run the segmenter module's jar
            assertThat(jars.jar(TallyCatalog.function(TallyCatalog.SEGMENTER)))
                    .isEqualTo(jars.jar(TallyCatalog.function(TallyCatalog.SEGMENTER_WORKER)))
                    .endsWith("tally-segmenter.jar");
        } finally {
            restore(previous);
        }
    }

    private static void restore(String previous) {
        if (previous == null) {
            System.clearProperty(LambdaJars.PROPERTY);
        } else {
            System.setProperty(LambdaJars.PROPERTY, previous);
        }
    }
}
