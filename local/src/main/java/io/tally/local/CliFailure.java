package io.tally.local;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A failure the user can act on — the gateway cannot be reached, no saved keys, an unreadable file — as opposed to
 * a bug. {@link TallyCli} prints it as one line, {@code tally: <message>}, on stderr, and exits 1; the stack trace
 * only with {@code --verbose}.
 */
public final class CliFailure extends RuntimeException {

    private static final Pattern JSON_LOCATION = Pattern.compile("line: (\\d+), column: (\\d+)");

    public CliFailure(String message) {
        super(message);
    }

    public CliFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code cannot read <what> <file>: <reason>}, e.g. for a segment definition that is missing or not JSON. */
    static CliFailure unreadable(String what, Path file, IOException cause) {
        return new CliFailure("cannot read " + what + " " + file + ": " + reason(cause), cause);
    }

    /**
     * Why an I/O or JSON operation failed, on one line: "no such file", "permission denied", or the first line of the
     * exception's message (with the line and column of a JSON parser's error), else the exception's type.
     */
    static String reason(Throwable e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        String firstLine = firstLine(e);
        Matcher location = JSON_LOCATION.matcher(String.valueOf(e.getMessage()));
        return location.find() && !firstLine.contains(location.group())
                ? firstLine + " (line " + location.group(1) + ", column " + location.group(2) + ")"
                : firstLine;
    }

    /** The first line of the exception's message, or its type when it has no message. */
    static String firstLine(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName()
                : message.strip().lines().findFirst().orElseThrow().strip();
    }

    /** Whether {@code e} or one of its causes is one of {@code types}. */
    @SafeVarargs
    static boolean causedBy(Throwable e, Class<? extends Throwable>... types) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(cause)) {
                    return true;
                }
            }
        }
        return false;
    }
}
