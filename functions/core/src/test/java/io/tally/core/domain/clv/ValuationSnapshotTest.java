package io.tally.core.domain.clv;

import io.tally.core.domain.consumer.ConsumerKey;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValuationSnapshotTest {

    private static ValuationSnapshot sample() {
        return new ValuationSnapshot()
                .put(new ConsumerKey("demo", "c1"), new ConsumerValuation(true, 120.25, 3.5, 0.75, 0,
                        Map.of("aipl", "L", "deeplink", "INHERIT"), Set.of("web"), Set.of("vip")))
                .put(new ConsumerKey("demo", "c2"), new ConsumerValuation(false, 4.5, 0.1, 0, 0.05,
                        Map.of("aipl", "I"), Set.of(), Set.of()))
                .put(new ConsumerKey("other", "c1"), new ConsumerValuation(true, 0, 0, 1, 0, Map.of(), Set.of(),
                        Set.of()));
    }

    @Test
    void givenValuationsOfTwoBrands_whenStoredAndReadBack_thenEachConsumerHasWhatTheChangeReads() {
        ValuationSnapshot read = ValuationSnapshot.fromBytes(sample().toBytes());

        assertThat(read.size()).isEqualTo(3);
        ConsumerValuation buyer = read.get(new ConsumerKey("demo", "c1"));
        assertThat(buyer).isEqualTo(new ConsumerValuation(true, 120.25, 3.5, 0.75, 0,
                Map.of("aipl", "L", "deeplink", "INHERIT"), Set.of(), Set.of()));
        ConsumerValuation nonBuyer = read.get(new ConsumerKey("demo", "c2"));
        assertThat(nonBuyer.probabilityFirstPurchase()).isEqualTo(0.05);
        assertThat(nonBuyer.stage("deeplink")).isEqualTo(ConsumerValuation.NO_STAGE);
        assertThat(read.get(new ConsumerKey("other", "c1")).buyer()).isTrue();
        assertThat(read.get(new ConsumerKey("other", "c2"))).isNull();
    }

    @Test
    void givenTheSameValuations_whenStoredTwice_thenTheBytesAreTheSame() {
        assertThat(sample().toBytes()).isEqualTo(sample().toBytes());
    }

    @Test
    void givenTruncatedOrForeignBytes_whenRead_thenRefused() {
        byte[] bytes = sample().toBytes();

        assertThatThrownBy(() -> ValuationSnapshot.fromBytes(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> ValuationSnapshot.fromBytes(new byte[] {9}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version");
    }
}
