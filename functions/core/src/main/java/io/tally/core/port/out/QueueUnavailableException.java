package io.tally.core.port.out;

/** The ingest queue did not take the events; the sender should retry later. */
public class QueueUnavailableException extends RuntimeException {

    public QueueUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
