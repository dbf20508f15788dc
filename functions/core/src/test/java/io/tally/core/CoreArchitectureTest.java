package io.tally.core;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.tally.core.domain.event.SegmentEventReader;
import io.tally.core.service.ProfileService;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

@AnalyzeClasses(packages = "io.tally.core", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTest {

    @ArchTest
    static final ArchRule givenCoreClasses_whenCheckingDependencies_thenNoneDependsOnAwsFrameworksOrLogging =
            noClasses().that().resideInAPackage("io.tally.core..")
                    .should().dependOnClassesThat().resideInAnyPackage(
                            "software.amazon..", "com.amazonaws..", "io.micronaut..", "jakarta..",
                            "com.fasterxml..", "org.slf4j..");

    @ArchTest
    static final ArchRule givenDomainClasses_whenCheckingDependencies_thenNoneDependsOnServicesOrInboundPorts =
            noClasses().that().resideInAPackage("..domain..")
                    .should().dependOnClassesThat().resideInAnyPackage("..service..", "..port.in..");

    @ArchTest
    static void givenCoreImport_whenListingClasses_thenProductionClassesAreCheckedAndTestsAreNot(JavaClasses classes) {
        assertThat(classes.contain(SegmentEventReader.class)).isTrue();
        assertThat(classes.contain(ProfileService.class)).isTrue();
        assertThat(classes.contain(CoreArchitectureTest.class)).isFalse();
    }
}
