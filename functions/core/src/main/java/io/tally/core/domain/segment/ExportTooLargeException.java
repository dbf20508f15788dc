package io.tally.core.domain.segment;

/** The segment has more members than one export may hold. */
public class ExportTooLargeException extends RuntimeException {

    public ExportTooLargeException(String message) {
        super(message);
    }
}
