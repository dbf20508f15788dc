package io.tally.core.domain.segment;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The deterministic sample buckets: fixed forever, evenly spread, independent across salts. */
class SampleBucketsTest {

    private static final int CONSUMERS = 100_000;
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void givenKnownInputs_whenHashing_thenEqualsMurmur3X64128FirstHalf() {
        // reference values from Guava's Hashing.murmur3_128().hashBytes(utf8(salt + ":" + id)).asLong()
        assertThat(SampleBuckets.hash(SampleBuckets.prefix("exp-7"), "")).isEqualTo(0xc941ff75bfd12696L);
        assertThat(SampleBuckets.hash(SampleBuckets.prefix("exp-7"), "c-1")).isEqualTo(0x35f236a9f5e8dcbfL);
        assertThat(SampleBuckets.hash(SampleBuckets.prefix("exp-7"), "0123456789abcdef0"))
                .isEqualTo(0x0d7fd0cde46a42dcL);
        assertThat(SampleBuckets.hash(SampleBuckets.prefix("exp-7"), "7d9f3c2e-51a4-4c1b-9a0e-2f6b8d4e0001"))
                .isEqualTo(0xc7d0981405aac6d0L);
        assertThat(SampleBuckets.hash(SampleBuckets.prefix("exp-7"), "zoë-ünïcode-😀")).isEqualTo(0xfcd534dc3efbe75fL);
    }

    @Test
    void givenAsciiAndNonAsciiIds_whenHashing_thenSameAsHashingTheirUtf8Bytes() {
        for (String id : new String[]{"", "a", "member-42", "ü", "顾客-0001", "x".repeat(100)}) {
            byte[] utf8 = ("salt:" + id).getBytes(StandardCharsets.UTF_8);
            assertThat(SampleBuckets.hash(SampleBuckets.prefix("salt"), id)).as(id)
                    .isEqualTo(SampleBuckets.murmur3(utf8));
        }
    }

    @Test
    void givenSameConsumerAndSalt_whenBucketedAgain_thenSameBucketEverywhere() {
        assertThat(SampleBuckets.bucket("exp-7", "c-1")).isEqualTo(0.21072713517597508);
        assertThat(SampleBuckets.bucket("exp-7", "member-42")).isEqualTo(0.7872227715626936);
        CompiledRule first = RuleCompiler.compile(TestJson.object("{'sample': {'percent': 25, 'salt': 'exp-7'}}"));
        CompiledRule second = RuleCompiler.compile(TestJson.object("{'sample': {'percent': 25, 'salt': 'exp-7'}}"));

        assertThat(first.matches(subject("c-1"), NOW)).isTrue();
        assertThat(second.matches(subject("c-1"), NOW.plusSeconds(86_400 * 365))).isTrue();
        assertThat(first.matches(subject("member-42"), NOW)).isFalse();
    }

    @Test
    void givenTenPercentSample_whenDrawingFromManyConsumers_thenAboutTenPercentAreIn() {
        CompiledRule tenPercent = RuleCompiler.compile(TestJson.object("{'sample': {'percent': 10, 'salt': 'exp-7'}}"));
        int in = 0;
        for (int i = 0; i < CONSUMERS; i++) {
            if (tenPercent.matches(subject("c-" + i), NOW)) {
                in++;
            }
        }

        assertThat((double) in / CONSUMERS).isCloseTo(0.10, within(0.01));
    }

    @Test
    void givenBuckets_whenDrawingFromManyConsumers_thenEveryTenthIsEquallyFull() {
        int[] deciles = new int[10];
        for (int i = 0; i < CONSUMERS; i++) {
            deciles[(int) (SampleBuckets.bucket("exp-7", "c-" + i) * 10)]++;
        }

        for (int count : deciles) {
            assertThat((double) count / CONSUMERS).isCloseTo(0.10, within(0.01));
        }
    }

    @Test
    void givenTwoSalts_whenDrawingTenPercentEach_thenTheSamplesOverlapAsIndependentDrawsWould() {
        int both = 0;
        for (int i = 0; i < CONSUMERS; i++) {
            String id = "c-" + i;
            if (SampleBuckets.inSample("exp-7", id, 10) && SampleBuckets.inSample("exp-8", id, 10)) {
                both++;
            }
        }

        assertThat((double) both / CONSUMERS).isCloseTo(0.01, within(0.003));
    }

    @Test
    void givenOneSalt_whenWideningThePercent_thenEarlierMembersStayIn() {
        for (int i = 0; i < 10_000; i++) {
            String id = "c-" + i;
            if (SampleBuckets.inSample("rollout", id, 5)) {
                assertThat(SampleBuckets.inSample("rollout", id, 20)).as(id).isTrue();
            }
        }
    }

    private static SegmentSubject subject(String id) {
        return SubjectSnapshot.builder(id).build();
    }
}
