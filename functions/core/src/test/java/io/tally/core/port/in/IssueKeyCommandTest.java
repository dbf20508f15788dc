package io.tally.core.port.in;

import io.tally.core.domain.access.ApiKey;
import io.tally.core.domain.access.KeyRole;
import io.tally.core.port.in.IssueKeyUseCase.IssueKeyCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class IssueKeyCommandTest {

    @Test
    void givenValidIds_whenCreatingWriteCommand_thenKeepsBrandAndChannel() {
        var command = new IssueKeyCommand("acme", "web-store", KeyRole.WRITE);

        assertThat(command.brandId()).isEqualTo("acme");
        assertThat(command.channelId()).isEqualTo("web-store");
        assertThat(command.role()).isEqualTo(KeyRole.WRITE);
    }

    @Test
    void givenIdsOfOneAndSixtyFourCharacters_whenCreatingCommand_thenAccepts() {
        String longest = "a".repeat(64);

        var command = new IssueKeyCommand(longest, "0", KeyRole.WRITE);

        assertThat(command.brandId()).isEqualTo(longest);
        assertThat(command.channelId()).isEqualTo("0");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"Acme", "-acme", "acme_shop", "acme shop", "acmé", " acme"})
    void givenBadBrandId_whenCreatingCommand_thenRejectsIt(String brandId) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new IssueKeyCommand(brandId, "web", KeyRole.WRITE))
                .withMessageContaining("brandId");
    }

    @Test
    void givenBrandIdOfSixtyFiveCharacters_whenCreatingCommand_thenRejectsIt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new IssueKeyCommand("a".repeat(65), "web", KeyRole.WRITE))
                .withMessageContaining("brandId");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"Web", "web/store", "*"})
    void givenBadChannelIdForWriteKey_whenCreatingCommand_thenRejectsIt(String channelId) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new IssueKeyCommand("acme", channelId, KeyRole.WRITE))
                .withMessageContaining("channelId");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"web", "Not A Channel"})
    void givenAdminRole_whenCreatingCommand_thenChannelIsAllChannels(String channelId) {
        var command = new IssueKeyCommand("acme", channelId, KeyRole.ADMIN);

        assertThat(command.channelId()).isEqualTo(ApiKey.ALL_CHANNELS).isEqualTo("*");
    }

    @Test
    void givenAdminRoleAndBadBrandId_whenCreatingCommand_thenStillRejectsBrandId() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new IssueKeyCommand("ACME", null, KeyRole.ADMIN));
    }

    @Test
    void givenNoRole_whenCreatingCommand_thenRejectsIt() {
        assertThatNullPointerException().isThrownBy(() -> new IssueKeyCommand("acme", "web", null))
                .withMessageContaining("role");
    }
}
