package io.tally.processor;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/** Lambda entry point for the ingest queue: one call into {@link IngestQueueAdapter}. */
public class IngestQueueHandler extends MicronautRequestHandler<SQSEvent, SQSBatchResponse> {

    @Inject
    IngestQueueAdapter adapter;

    /** Used by AWS Lambda. */
    public IngestQueueHandler() {
    }

    /** Used by the local runner and tests, sharing their application context. */
    public IngestQueueHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    public SQSBatchResponse execute(SQSEvent input) {
        return adapter.handle(input);
    }
}
