package io.tally.core.service;

import io.tally.core.domain.clv.ClvFit;
import io.tally.core.domain.clv.ClvSettings;
import io.tally.core.domain.clv.ConsumerValuer;
import io.tally.core.domain.clv.FirstPurchaseFlows;
import io.tally.core.domain.clv.FirstPurchaseModel;
import io.tally.core.domain.clv.UndefinedSpendException;
import io.tally.core.port.out.BrandSettingsPort;
import io.tally.core.port.out.ClvStorePort;

import java.time.LocalDate;
import java.util.Optional;

/** How the CLV job and the segment rules turn a brand's stored fits and flows into a {@link ConsumerValuer}. */
final class BrandValuers {

    private BrandValuers() {
    }

    /** The default CLV settings with the brand's lifecycle zone (its calendar days are transactions). */
    static ClvSettings settings(BrandSettingsPort brands, String brandId) {
        ClvSettings defaults = ClvSettings.defaults();
        return new ClvSettings(defaults.horizonMonths(), defaults.monthlyDiscountRate(), defaults.daysPerUnit(),
                brands.lifecycle(brandId).zone(), defaults.aliveThreshold(), defaults.priorStrength(),
                defaults.valuationModel());
    }

    /**
     * A valuer with the brand's latest converged fit dated before {@code before} and its latest flows before then,
     * or empty when the brand has no such fit, or its spend model has no finite mean (q &le; 1), which values nobody.
     */
    static Optional<Valuer> latest(ClvStorePort store, String brandId, LocalDate before, ClvSettings settings) {
        Optional<ClvFit> fit = store.latestConvergedFit(brandId, before);
        if (fit.isEmpty()) {
            return Optional.empty();
        }
        FirstPurchaseModel firstPurchases = store.latestFlows(brandId, before)
                .map(flows -> estimate(flows, settings)).orElseGet(FirstPurchaseModel::unobserved);
        ConsumerValuer valuer = fit.get().valuer(firstPurchases, settings);
        try {
            valuer.calculator().newBuyerValue();
        } catch (UndefinedSpendException e) {
            return Optional.empty();
        }
        return Optional.of(new Valuer(fit.get(), valuer));
    }

    private static FirstPurchaseModel estimate(FirstPurchaseFlows flows, ClvSettings settings) {
        try {
            return FirstPurchaseModel.estimate(flows, settings.priorStrength());
        } catch (IllegalArgumentException noNonBuyerObserved) {
            return FirstPurchaseModel.unobserved();
        }
    }

    /** A fit and the valuer built on it. */
    record Valuer(ClvFit fit, ConsumerValuer valuer) {
    }
}
