package io.tally.infra;

import io.tally.catalog.BucketSpec;
import io.tally.catalog.FunctionSpec;
import io.tally.catalog.QueueSpec;
import io.tally.catalog.TableSpec;
import io.tally.catalog.TallyCatalog;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import static io.tally.catalog.TallyCatalog.CLV_BUCKET;
import static io.tally.catalog.TallyCatalog.EXPORTS_BUCKET;
import static io.tally.catalog.TallyCatalog.GATEWAY;
import static io.tally.catalog.TallyCatalog.INGEST_QUEUE;
import static io.tally.catalog.TallyCatalog.MAIN_TABLE;
import static io.tally.catalog.TallyCatalog.PROCESSOR;
import static io.tally.catalog.TallyCatalog.QUARANTINE_BUCKET;
import static io.tally.catalog.TallyCatalog.REPORTER;
import static io.tally.catalog.TallyCatalog.REPORTS_BUCKET;
import static io.tally.catalog.TallyCatalog.SCAN_WORK_QUEUE;
import static io.tally.catalog.TallyCatalog.SEGMENTER;
import static io.tally.catalog.TallyCatalog.SEGMENTER_WORKER;

/**
 * What each catalog function may touch: the stack turns it into IAM grants and into the environment variables
 * that carry the resources' physical names ({@link TallyCatalog#environmentVariable}). Only catalog objects are
 * referenced, never names. Consuming a queue is not listed here: it follows from {@link QueueSpec#consumer()}.
 *
 * @param tables   tables and the DynamoDB actions allowed on them (and on their indexes)
 * @param sendsTo  queues the function sends messages to
 * @param writesTo buckets the function puts objects into
 * @param readsFrom buckets the function reads (lists, gets) objects from (e.g. to presign links)
 * @param deletesFrom buckets the function deletes objects from (e.g. replayed quarantine batches)
 * @param hashesPii   whether the function turns phone numbers and emails into keyed hashes (gets the secret)
 */
record FunctionAccess(Map<TableSpec, TableAccess> tables, List<QueueSpec> sendsTo, List<BucketSpec> writesTo,
                      List<BucketSpec> readsFrom, List<BucketSpec> deletesFrom, boolean hashesPii) {

    /** DynamoDB item-level action sets; none grants table administration or streams. */
    enum TableAccess {
        /** Reports read profiles, counters and job results. */
        READ("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:Scan"),
        /** Point reads and conditional writes by key; no table scans. */
        READ_WRITE("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:ConditionCheckItem",
                "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"),
        /** {@link #READ_WRITE} plus Scan: scan workers walk one parallel-scan segment each. */
        SCAN_READ_WRITE("dynamodb:Scan", "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query",
                "dynamodb:ConditionCheckItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                "dynamodb:BatchWriteItem");

        private final List<String> actions;

        TableAccess(String... actions) {
            this.actions = List.of(actions);
        }

        List<String> actions() {
            return actions;
        }
    }

    FunctionAccess {
        tables = Map.copyOf(tables);
        sendsTo = List.copyOf(sendsTo);
        writesTo = List.copyOf(writesTo);
        readsFrom = List.copyOf(readsFrom);
        deletesFrom = List.copyOf(deletesFrom);
    }

    /** Every bucket the function uses, writes first, without duplicates. */
    Set<BucketSpec> buckets() {
        Set<BucketSpec> all = new LinkedHashSet<>(writesTo);
        all.addAll(readsFrom);
        all.addAll(deletesFrom);
        return all;
    }

    private static final Map<String, FunctionAccess> BY_FUNCTION = Map.of(
            // authenticates API keys and reads profiles; enqueues accepted events; quarantines invalid ones,
            // counts and lists them, and removes them once replayed; stores segment definitions, plans their
            // recompute on the scans queue, samples profiles for previews (Scan of a few segments, page-bounded)
            // and writes audience exports it presigns links to
            GATEWAY, new FunctionAccess(Map.of(MAIN_TABLE, TableAccess.SCAN_READ_WRITE),
                    List.of(INGEST_QUEUE, SCAN_WORK_QUEUE), List.of(QUARANTINE_BUCKET, EXPORTS_BUCKET),
                    List.of(QUARANTINE_BUCKET, EXPORTS_BUCKET), List.of(QUARANTINE_BUCKET), true),
            // applies events to identities, profiles, stages and counters
            PROCESSOR, new FunctionAccess(Map.of(MAIN_TABLE, TableAccess.READ_WRITE),
                    List.of(), List.of(), List.of(), List.of(), false),
            // plans the census, segment recompute and CLV jobs: job state in the table, one work item per scan segment
            SEGMENTER, new FunctionAccess(Map.of(MAIN_TABLE, TableAccess.READ_WRITE),
                    List.of(SCAN_WORK_QUEUE), List.of(), List.of(), List.of(), false),
            // scans its segment (profiles and memberships), writes membership changes, counters and partial results;
            // the CLV job keeps its parts and per-segment valuations in the clv bucket (put, list, get; objects
            // expire by the bucket's lifecycle rule, never deleted by the function)
            SEGMENTER_WORKER, new FunctionAccess(Map.of(MAIN_TABLE, TableAccess.SCAN_READ_WRITE),
                    List.of(), List.of(CLV_BUCKET), List.of(CLV_BUCKET), List.of(), false),
            // reads facts, writes reports and presigns links to them; the lifecycle job re-evaluates due profiles,
            // moves the changed ones in or out of segments (membership transactions: put, delete, counter update,
            // profile condition check) and writes the daily roll-ups
            REPORTER, new FunctionAccess(Map.of(MAIN_TABLE, TableAccess.READ_WRITE),
                    List.of(), List.of(REPORTS_BUCKET), List.of(REPORTS_BUCKET), List.of(), false));

    /** The access of a catalog function; a function added to the catalog without an entry here fails the synth. */
    static FunctionAccess of(FunctionSpec function) {
        FunctionAccess access = BY_FUNCTION.get(function.logicalName());
        if (access == null) {
            throw new NoSuchElementException("function '" + function.logicalName()
                    + "' is in TallyCatalog.FUNCTIONS but has no entry in FunctionAccess: declare what it may use");
        }
        return access;
    }
}
