package io.tally.aws.job;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobRequestTest {

    /** 23:30 in Tokyo is still the 6th in UTC. */
    private final Clock tokyo = Clock.fixed(Instant.parse("2026-12-06T14:30:00Z"), ZoneId.of("Asia/Tokyo"));

    @Test
    void givenNoDate_whenAskedForTheBusinessDate_thenItIsTodayInUtcWhateverTheClocksZone() {
        assertThat(new JobRequest("census", null).businessDate(tokyo)).isEqualTo(LocalDate.parse("2026-12-06"));
    }

    @Test
    void givenADate_whenAskedForTheBusinessDate_thenItIsThatDate() {
        assertThat(new JobRequest("clv", "2026-11-01").businessDate(tokyo)).isEqualTo(LocalDate.parse("2026-11-01"));
    }

    @Test
    void givenADateThatIsNoIsoDate_whenAskedForTheBusinessDate_thenTheErrorNamesJobAndValue() {
        assertThatThrownBy(() -> new JobRequest("lifecycle", "01/11/2026").businessDate(tokyo))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("job 'lifecycle': date must be an ISO date (yyyy-MM-dd), not '01/11/2026'");
    }
}
