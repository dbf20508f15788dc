package io.tally.gateway;

/** The addressed resource does not exist in the caller's brand. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
