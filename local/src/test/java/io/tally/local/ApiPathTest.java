package io.tally.local;

import io.netty.handler.codec.http.QueryStringDecoder;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Unit scope: the paths the CLI sends to the gateway, read back with the gateway's own (Netty's) decoder. Needs no network. */
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

    @Test
    void givenIdWithSpaceSlashPlusPercentAndNonAscii_whenAddedAsASegment_thenItIsPercentEncodedAsOneSegment() {
        String id = "bad id/1+2%?#é中";

        String path = ApiPath.of("/v1/segments").segment(id).segment("members").query("limit", 10).toString();

        assertThat(path).isEqualTo("/v1/segments/bad%20id%2F1%2B2%25%3F%23%C3%A9%E4%B8%AD/members?limit=10");
        String[] segments = GATEWAY.resolve(path).getRawPath().split("/");
        assertThat(segments).hasSize(5);
        assertThat(QueryStringDecoder.decodeComponent(segments[3])).isEqualTo(id);
    }

    @Test
    void givenUnreservedCharacters_whenAddedAsASegment_thenTheyStayAsTheyAre() {
        assertThat(ApiPath.of("/v1/admin/keys").segment("Key_1-a.b~c").segment("rotate").toString())
                .isEqualTo("/v1/admin/keys/Key_1-a.b~c/rotate");
    }

    @Test
    void givenDotSegments_whenAddedAsSegments_thenTheyAreEncodedWholeAndResolvingKeepsThem() {
        String path = ApiPath.of("/v1/segments").segment("..").segment(".").toString();

        assertThat(path).isEqualTo("/v1/segments/%2E%2E/%2E");
        assertThat(GATEWAY.resolve(path).getRawPath()).isEqualTo(path);
    }

    @Test
    void givenAnEmptyId_whenAddedAsASegment_thenItFailsWithAMessageForTheUser() {
        assertThatThrownBy(() -> ApiPath.of("/v1/segments").segment("")).isInstanceOf(CliFailure.class)
                .hasMessage("an id cannot be empty");
    }

    @Test
    void givenAQuery_whenASegmentFollows_thenItIsRefusedAsAProgrammingError() {
        ApiPath path = ApiPath.of("/local/jobs").segment("census").query("date", "2026-11-25");

        assertThatThrownBy(() -> path.segment("late")).isInstanceOf(IllegalStateException.class);
    }
}
