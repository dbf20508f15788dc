package io.tally.core.domain.lifecycle;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DayLogTest {

    private static final LocalDate DAY = LocalDate.parse("2026-11-25");

    private static DayLog log(String model, String from, String to, String channel, String orderValue) {
        return DayLog.empty(DAY)
                .plusFlows(List.of(new StageTransition(model, from, to, DAY, channel)))
                .plusCommerce(Map.of(new DayLog.CommerceKey(DAY, channel), DailyMetrics.empty()
                        .fold(FactEvent.purchase(Instant.parse("2026-11-25T10:00:00Z"), new BigDecimal(orderValue)))
                        .plusBuyers(1, 0)));
    }

    @Test
    void givenManyConsumersLogs_whenSummed_thenEqualsAddingThemOneByOne() {
        List<DayLog> logs = List.of(log("aipl", null, "P", "web", "10.50"), log("aipl", null, "P", "web", "4"),
                log("aipl", "I", "P", "pos", "7"), log("deeplink", null, "LEAD", "pos", "1"));

        DayLog summed = DayLog.sum(DAY, logs);

        assertThat(summed).isEqualTo(logs.stream().reduce(DayLog.empty(DAY), DayLog::plus));
        assertThat(summed.flows()).containsEntry(new DayLog.Flow("aipl", null, "P", "web"), 2L);
        assertThat(summed.commerce().get(new DayLog.CommerceKey(DAY, "web")).orderValue())
                .isEqualByComparingTo("14.50");
    }

    @Test
    void givenALogOfAnotherDay_whenSummed_thenRefused() {
        DayLog other = DayLog.empty(DAY.plusDays(1)).plusFlows(List.of(new StageTransition("aipl", null, "A",
                DAY.plusDays(1), "ads")));

        assertThatThrownBy(() -> DayLog.sum(DAY, List.of(other))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2026-11-26");
    }

    @Test
    void givenALog_whenEncodedAndDecoded_thenItIsTheSame() {
        DayLog original = DayLog.sum(DAY, List.of(log("aipl", null, "P", "web", "10.50"),
                log("deeplink", "LEAD", null, "merge", "0")));

        assertThat(DayLog.decode(DAY, original.encode())).isEqualTo(original);
    }
}
