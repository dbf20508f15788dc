package io.tally.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.tally.catalog.BucketSpec;
import io.tally.catalog.FunctionSpec;
import io.tally.catalog.TableSpec;
import io.tally.catalog.TallyCatalog;
import software.amazon.awscdk.Annotations;
import software.constructs.IConstruct;

import java.util.ArrayList;
import java.util.List;

/**
 * cdk-nag (AwsSolutions) findings that stay by design, each suppressed with its reason, and as narrowly as
 * cdk-nag allows: on the one resource, and for IAM5 only the exact wildcard ({@code appliesTo}) that the grant
 * produces. Anything not listed here fails the synth and {@code CdkNagTest}. docs/deploy.md has the same table.
 */
final class Nag {

    static final String APIG4_REASON = "The gateway function is a Micronaut app that authenticates every request "
            + "itself with per-brand Basic-auth API keys (the Segment HTTP Tracking API scheme, so unmodified "
            + "Segment SDKs work); an API Gateway authorizer cannot express that scheme, and the function rejects "
            + "unauthenticated requests with 401.";

    static final String L1_REASON = "Java 21 is the LTS runtime the functions are built, tested and SnapStart-"
            + "snapshotted for (ARM64); moving to a newer Java runtime is a deliberate upgrade with its own test run, "
            + "not drift.";

    static final String SCHEDULE_DLQ_REASON = "This queue is itself the dead-letter queue of the EventBridge "
            + "Scheduler targets (Target.DeadLetterConfig); cdk-nag only recognizes SQS redrive policies as "
            + "dead-letter use, and a dead-letter queue gets no dead-letter queue of its own.";

    static final String INDEX_REASON = "Table.grant covers the table's global secondary indexes "
            + "(<table>/index/*) so the function can Query them; the wildcard is limited to the indexes of this "
            + "one table, and the actions to the item-level set declared in FunctionAccess.";

    static final String OBJECTS_REASON = "Object keys are generated at run time (per brand, date and job), so "
            + "object-level access is granted on <bucket>/*, limited to the objects of this one bucket.";

    static final String ABORT_REASON = "From Bucket.grantPut: s3:Abort* is s3:AbortMultipartUpload, needed to "
            + "clean up failed multipart uploads of large objects; limited to the objects of this one bucket.";

    static final String DELETE_REASON = "From Bucket.grantDelete: s3:DeleteObject* is DeleteObject and "
            + "DeleteObjectVersion, needed to remove replayed quarantine batches; limited to one bucket.";
    static final String READ_REASON = "From Bucket.grantRead: s3:GetObject* / s3:GetBucket* / s3:List* are the "
            + "read-only actions on this one bucket and its objects, needed to read reports back and to presign "
            + "download links.";

    static final String SNAPSTART_WARNING = "@aws-cdk/aws-lambda:snapStartRequirePublish";

    private Nag() {
    }

    static void suppressRouteAuthorization(IConstruct route) {
        NagSuppressions.addResourceSuppressions(route, List.of(suppression("AwsSolutions-APIG4", APIG4_REASON)),
                true);
    }

    static final String SMG4_REASON = "The PII hash key must not rotate automatically: a new key changes every "
            + "stored phone/email token and splits identities. Rotation is a planned re-keying (docs/operations.md).";

    static void suppressByDesign(TallyStack stack) {
        NagSuppressions.addResourceSuppressions(stack.piiHashSecret(),
                List.of(suppression("AwsSolutions-SMG4", SMG4_REASON)));
        for (FunctionSpec spec : TallyCatalog.FUNCTIONS) {
            NagSuppressions.addResourceSuppressions(stack.function(spec),
                    List.of(suppression("AwsSolutions-L1", L1_REASON)), true);
            // CDK warns on every SnapStart function; ours is published: triggers use the alias on currentVersion
            Annotations.of(stack.function(spec)).acknowledgeWarning(SNAPSTART_WARNING,
                    "published as a version with alias '" + TallyStack.LIVE_ALIAS + "', which every trigger invokes");
            List<NagPackSuppression> wildcards = grantWildcards(stack, FunctionAccess.of(spec));
            if (!wildcards.isEmpty()) {
                NagSuppressions.addResourceSuppressions(stack.function(spec).getRole(), wildcards, true);
            }
        }
        NagSuppressions.addResourceSuppressions(stack.scheduleDeadLetterQueue(),
                List.of(suppression("AwsSolutions-SQS3", SCHEDULE_DLQ_REASON)), true);
    }

    /** The IAM5 findings the grants of {@code access} produce, spelled as cdk-nag reports them. */
    private static List<NagPackSuppression> grantWildcards(TallyStack stack, FunctionAccess access) {
        List<NagPackSuppression> suppressions = new ArrayList<>();
        for (TableSpec table : access.tables().keySet()) {
            if (!table.indexes().isEmpty()) {
                suppressions.add(iam5(INDEX_REASON,
                        "Resource::<" + stack.logicalIdOf(stack.table(table)) + ".Arn>/index/*"));
            }
        }
        for (BucketSpec bucket : access.writesTo()) {
            suppressions.add(iam5(ABORT_REASON, "Action::s3:Abort*"));
            suppressions.add(iam5(OBJECTS_REASON, objects(stack, bucket)));
        }
        for (BucketSpec bucket : access.readsFrom()) {
            suppressions.add(iam5(READ_REASON, "Action::s3:GetObject*", "Action::s3:GetBucket*", "Action::s3:List*"));
            suppressions.add(iam5(OBJECTS_REASON, objects(stack, bucket)));
        }
        for (BucketSpec bucket : access.deletesFrom()) {
            suppressions.add(iam5(DELETE_REASON, "Action::s3:DeleteObject*"));
            suppressions.add(iam5(OBJECTS_REASON, objects(stack, bucket)));
        }
        return suppressions;
    }

    private static String objects(TallyStack stack, BucketSpec bucket) {
        return "Resource::<" + stack.logicalIdOf(stack.bucket(bucket)) + ".Arn>/*";
    }

    private static NagPackSuppression iam5(String reason, String... appliesTo) {
        return NagPackSuppression.builder().id("AwsSolutions-IAM5").reason(reason)
                .appliesTo(List.<Object>of((Object[]) appliesTo)).build();
    }

    private static NagPackSuppression suppression(String id, String reason) {
        return NagPackSuppression.builder().id(id).reason(reason).build();
    }
}
