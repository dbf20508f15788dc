package io.tally.aws.json;

/** A request body or queue message that is not the JSON it must be. */
public class MalformedJsonException extends RuntimeException {

    public MalformedJsonException(String message, Throwable cause) {
        super(message, cause);
    }
}
