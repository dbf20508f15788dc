package io.tally.core.service;

import io.tally.core.domain.clv.ClvFit;
import io.tally.core.domain.clv.StoredAsset;
import io.tally.core.port.in.ConsumerAssetUseCase;
import io.tally.core.port.out.ClvStorePort;

import java.time.LocalDate;
import java.util.Optional;

/** Reads a brand's stored asset with the fit it was valued with and, if it failed, the fit of its own date. */
public class AssetReportService implements ConsumerAssetUseCase {

    private final ClvStorePort store;

    public AssetReportService(ClvStorePort store) {
        this.store = store;
    }

    @Override
    public Optional<AssetReport> asset(String brandId, LocalDate date) {
        Optional<StoredAsset> asset = store.asset(brandId, date);
        if (asset.isEmpty()) {
            return Optional.empty();
        }
        ClvFit used = store.fit(brandId, asset.get().fitDate()).orElseThrow(() -> new IllegalStateException(
                "the asset of " + brandId + " on " + date + " names a fit of " + asset.get().fitDate()
                        + " that is not stored"));
        ClvFit attempt = store.fit(brandId, date).filter(fit -> !fit.converged()).orElse(null);
        return Optional.of(new AssetReport(asset.get(), used, attempt));
    }
}
