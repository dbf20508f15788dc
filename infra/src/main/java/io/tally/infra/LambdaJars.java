package io.tally.infra;

import io.tally.catalog.FunctionSpec;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the shaded function jars that {@code infra/pom.xml} copies (version and classifier stripped) into
 * {@code infra/target/lambda/tally-<module>.jar}.
 *
 * <p>Looked up, in order: the system property {@code tally.lambda.dir} or the environment variable
 * {@code TALLY_LAMBDA_DIR}; {@code target/lambda} next to this module's compiled classes; {@code target/lambda}
 * and {@code infra/target/lambda} under the working directory. That covers {@code cdk synth} and the tests (both
 * run with the working directory {@code infra/}) and a run from the repository root.
 */
final class LambdaJars {

    static final String PROPERTY = "tally.lambda.dir";
    static final String ENVIRONMENT = "TALLY_LAMBDA_DIR";

    private final Path directory;

    private LambdaJars(Path directory) {
        this.directory = directory;
    }

    static LambdaJars locate() {
        List<Path> candidates = candidates();
        for (Path candidate : candidates) {
            if (Files.isDirectory(candidate)) {
                return new LambdaJars(candidate.toAbsolutePath().normalize());
            }
        }
        throw new IllegalStateException("No Lambda jar directory found (looked in " + candidates + "). "
                + "Build the functions first: from the repository root run `mvn -B package -DskipTests` "
                + "(or `mvn verify`); it copies the shaded jars into infra/target/lambda.");
    }

    /** The absolute path of the jar that packages {@code function}; fails when it has not been built. */
    String jar(FunctionSpec function) {
        Path jar = directory.resolve("tally-" + function.module() + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Lambda jar of function '" + function.logicalName() + "' is missing: "
                    + jar + ". Build it first: from the repository root run `mvn -B package -DskipTests` "
                    + "(or `mvn verify`); it copies the shaded jars into infra/target/lambda.");
        }
        return jar.toString();
    }

    Path directory() {
        return directory;
    }

    private static List<Path> candidates() {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getProperty(PROPERTY, System.getenv(ENVIRONMENT));
        if (configured != null && !configured.isBlank()) {
            // an explicit location is the only one considered: a wrong setting must not fall back silently
            return List.of(Path.of(configured));
        }
        try {
            Path classes = Path.of(LambdaJars.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(classes) && classes.getParent() != null) {
                candidates.add(classes.getParent().resolve("lambda")); // target/classes -> target/lambda
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // no usable code source: fall back to the working directory
        }
        Path cwd = Path.of("").toAbsolutePath();
        candidates.add(cwd.resolve("target").resolve("lambda"));
        candidates.add(cwd.resolve("infra").resolve("target").resolve("lambda"));
        return candidates;
    }
}
