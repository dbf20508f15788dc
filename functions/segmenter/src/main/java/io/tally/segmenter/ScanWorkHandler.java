package io.tally.segmenter;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/** Lambda entry point of the scans queue: each message is one parallel-scan segment of a census or segment recompute. */
public class ScanWorkHandler extends MicronautRequestHandler<SQSEvent, SQSBatchResponse> {

    @Inject
    ScanJobAdapter adapter;

    /** Used by AWS Lambda. */
    public ScanWorkHandler() {
    }

    /** Used by the local runner and tests, sharing their application context. */
    public ScanWorkHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    public SQSBatchResponse execute(SQSEvent input) {
        return adapter.work(input);
    }
}
