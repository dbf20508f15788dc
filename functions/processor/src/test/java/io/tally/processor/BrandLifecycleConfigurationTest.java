package io.tally.processor;

import io.micronaut.context.ApplicationContext;
import io.tally.core.domain.lifecycle.InvalidStageModelException;
import io.tally.core.domain.lifecycle.LifecycleSettings;
import io.tally.core.domain.lifecycle.StageModel;
import io.tally.core.port.out.BrandSettingsPort;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A brand's lifecycle configuration file, as the processor reads it from its configuration. */
class BrandLifecycleConfigurationTest {

    @Test
    void givenBrandConfigurationFile_whenReadingItsSettings_thenItsMappingAndModelsApplyOverTheDefaults() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "tally.brands.acme.lifecycle.config", "classpath:lifecycle/acme.json",
                "tally.brands.acme.lifecycle.zone", "Asia/Shanghai"))) {
            BrandSettingsPort settings = context.getBean(BrandSettingsPort.class);

            LifecycleSettings acme = settings.lifecycle("acme");
            LifecycleSettings other = settings.lifecycle("other");

            assertThat(acme.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
            assertThat(acme.models().models()).extracting(StageModel::key).containsExactly("aipl", "deeplink", "vip");
            assertThat(acme.mapping().map("track", "Gift Card Bought", Map.of("revenue", 30), Map.of(),
                    Instant.EPOCH)).singleElement().satisfies(fact ->
                    assertThat(fact.amount()).isEqualByComparingTo(new BigDecimal("30")));
            assertThat(acme.mapping().map("track", "Product Viewed", Map.of(), Map.of(), Instant.EPOCH)).isEmpty();
            assertThat(other).isEqualTo(LifecycleSettings.DEFAULT);
        }
    }

    @Test
    void givenInvalidBrandConfiguration_whenReadingItsSettings_thenEveryErrorNamesItsJsonPath() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "tally.brands.broken.lifecycle.config", "classpath:lifecycle/broken.json"))) {
            BrandSettingsPort settings = context.getBean(BrandSettingsPort.class);

            assertThatThrownBy(() -> settings.lifecycle("broken")).isInstanceOf(InvalidStageModelException.class)
                    .hasMessageContaining("models.aipl.stages[0].when.interactionWithinDays.kinds[0]")
                    .hasMessageContaining("clik")
                    .hasMessageContaining("models.aipl.stages[0].when.interactionWithinDays.days");
        }
    }
}
