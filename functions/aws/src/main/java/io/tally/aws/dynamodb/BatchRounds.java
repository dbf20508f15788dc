package io.tally.aws.dynamodb;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Re-sends what a {@code BatchGetItem} or {@code BatchWriteItem} left unprocessed, with exponential back-off
 * (DynamoDB returns unprocessed items when it throttles) and a bounded number of rounds, so a throttled table
 * fails the call instead of spinning.
 */
final class BatchRounds {

    static final int MAX_ROUNDS = 8;

    private BatchRounds() {
    }

    /**
     * Calls {@code round} with {@code request}, then with what each call returns as unprocessed, until nothing is
     * left; waits 0, 50, 100, 200 … ms (at most 1 s) before each round.
     *
     * @param what named in the error when rounds run out
     */
    static <R extends Map<?, ?>> void drain(R request, UnaryOperator<R> round, String what) {
        R pending = request;
        for (int attempt = 0; pending != null && !pending.isEmpty(); attempt++) {
            if (attempt == MAX_ROUNDS) {
                throw new IllegalStateException(what + " stayed unprocessed after " + MAX_ROUNDS + " rounds");
            }
            backOff(attempt, what);
            pending = round.apply(pending);
        }
    }

    /** Waits before retry {@code attempt} (none before the first): 50 ms doubling to at most 1 s. */
    static void backOff(int attempt, String what) {
        if (attempt == 0) {
            return;
        }
        try {
            Thread.sleep(Math.min(1000L, 25L << Math.min(attempt, 6)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying " + what, e);
        }
    }
}
