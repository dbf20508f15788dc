package io.tally.local;

import io.netty.handler.codec.http.QueryStringDecoder;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Unit scope: the paths the CLI sends to the gateway, read back with the gateway's own query decoder. Needs no network. */
class ApiPathTest {

    private static final URI GATEWAY = URI.create("http://localhost:8080");

    @Test
    void givenValuesWithSpacesAmpersandPlusAndNonAscii_whenAddedToTheQuery_thenTheGatewayReadsThemBackUnchanged() {
        String path = ApiPath.of("/v1/quarantine/replay").query("date", "2026-11-25")
                .query("reason", "bad value&date=1+2 é中").toString();

        assertThat(path).isEqualTo("/v1/quarantine/replay?date=2026-11-25&reason=bad+value%26date%3D1%2B2+%C3%A9%E4%B8%AD");
        assertThat(new QueryStringDecoder(GATEWAY.resolve(path)).parameters()).isEqualTo(Map.of(
                "date", List.of("2026-11-25"), "reason", List.of("bad value&date=1+2 é中")));
    }

    @Test
    void givenNullValues_whenAddedToTheQuery_thenTheyAreLeftOutAndTheFirstPresentOneOpensTheQuery() {
        String path = ApiPath.of("/v1/quarantine/events").query("date", null).query("reason", "required")
                .query("cursor", null).toString();

        assertThat(path).isEqualTo("/v1/quarantine/events?reason=required");
    }

    @Test
    void givenNoQueryValues_whenBuilt_thenThePathStaysBare() {
        assertThat(ApiPath.of("/v1/quarantine").query("date", null).toString()).isEqualTo("/v1/quarantine");
    }

    @Test
    void givenNumberValue_whenAddedToTheQuery_thenItIsWrittenAsItsDecimalText() {
        assertThat(ApiPath.of("/v1/admin/keys/k1/rotate").query("graceSeconds", 86400L).toString())
                .isEqualTo("/v1/admin/keys/k1/rotate?graceSeconds=86400");
    }
}
