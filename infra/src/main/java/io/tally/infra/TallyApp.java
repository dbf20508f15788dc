package io.tally.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;

/**
 * The CDK app: one {@link TallyStack}, checked by cdk-nag's AwsSolutions pack. Run by {@code cdk synth} /
 * {@code cdk deploy} from {@code infra/} through {@code cdk.json}.
 */
public final class TallyApp {

    /** Stack id, and the stack name when deployed. */
    public static final String STACK_ID = "Tally";

    private TallyApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        build(app);
        app.synth();
    }

    /** Adds the stack and the cdk-nag checks to {@code app}; the tests build the app the same way. */
    public static TallyStack build(App app) {
        TallyStack stack = new TallyStack(app, STACK_ID, StackProps.builder()
                .description("Tally: serverless omni-channel consumer operations (collect, recognize, understand, "
                        + "value, target, act, reward, measure)")
                .build());
        Tags.of(stack).add("project", "tally");
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        return stack;
    }
}
