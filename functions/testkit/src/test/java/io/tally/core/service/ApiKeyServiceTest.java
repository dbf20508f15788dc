package io.tally.core.service;

import io.tally.core.domain.access.ApiKey;
import io.tally.core.domain.access.AuthenticationFailedException;
import io.tally.core.domain.access.IssuedKey;
import io.tally.core.domain.access.KeyDigest;
import io.tally.core.domain.access.KeyRole;
import io.tally.core.domain.access.Principal;
import io.tally.core.port.in.IssueKeyUseCase.IssueKeyCommand;
import io.tally.testkit.InMemoryApiKeyStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ApiKeyServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");

    private final InMemoryApiKeyStore store = new InMemoryApiKeyStore();
    private final ApiKeyService service = new ApiKeyService(store, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void givenIssuedWriteKey_whenAuthenticating_thenReturnsItsPrincipal() {
        IssuedKey issued = service.issue(new IssueKeyCommand("acme", "web", KeyRole.WRITE));

        Principal principal = service.authenticate(issued.rawKey(), KeyRole.WRITE);

        assertThat(principal).isEqualTo(new Principal("acme", "web", KeyRole.WRITE, issued.key().keyId()));
    }

    @Test
    void givenIssuedAdminKey_whenAuthenticating_thenReturnsBrandWidePrincipal() {
        IssuedKey issued = service.issue(new IssueKeyCommand("acme", null, KeyRole.ADMIN));

        Principal principal = service.authenticate(issued.rawKey(), KeyRole.ADMIN);

        assertThat(principal).isEqualTo(new Principal("acme", ApiKey.ALL_CHANNELS, KeyRole.ADMIN,
                issued.key().keyId()));
    }

    @Test
    void givenKeysOfTwoChannels_whenAuthenticatingEach_thenEachActsForItsOwnChannel() {
        IssuedKey web = service.issue(new IssueKeyCommand("acme", "web", KeyRole.WRITE));
        IssuedKey pos = service.issue(new IssueKeyCommand("acme", "pos", KeyRole.WRITE));

        assertThat(service.authenticate(web.rawKey(), KeyRole.WRITE).channelId()).isEqualTo("web");
        assertThat(service.authenticate(pos.rawKey(), KeyRole.WRITE).channelId()).isEqualTo("pos");
        assertThat(web.rawKey()).isNotEqualTo(pos.rawKey());
        assertThat(web.key().keyId()).isNotEqualTo(pos.key().keyId());
    }

    @ParameterizedTest
    @EnumSource(KeyRole.class)
    void givenRole_whenIssuing_thenRawKeyStartsWithTheRolePrefix(KeyRole role) {
        IssuedKey issued = service.issue(new IssueKeyCommand("acme", "web", role));

        assertThat(issued.rawKey()).startsWith(role == KeyRole.WRITE ? "tw_" : "ta_");
        assertThat(issued.rawKey().length()).isGreaterThan(40);
    }

    @Test
    void givenIssuedKey_whenReadingTheStore_thenItHoldsOnlyTheDigest() {
        IssuedKey issued = service.issue(new IssueKeyCommand("acme", "web", KeyRole.WRITE));
        String secret = issued.rawKey().substring(3);

        ApiKey stored = store.findByHash(KeyDigest.of(issued.rawKey())).orElseThrow();

        assertThat(stored).isEqualTo(issued.key());
        assertThat(stored.keyHash()).isEqualTo(KeyDigest.of(issued.rawKey()));
        assertThat(Stream.of(stored.keyId(), stored.keyHash(), stored.brandId(), stored.channelId(),
                String.valueOf(stored.role()), String.valueOf(stored.createdAt()), stored.toString()))
                .allSatisfy(field -> assertThat(field).doesNotContain(issued.rawKey()).doesNotContain(secret));
        assertThat(store.findByHash(issued.rawKey())).isEmpty();
    }

    @Test
    void givenIssuedKey_whenReadingWhatWasStored_thenItIsActiveAndCreatedNow() {
        IssuedKey issued = service.issue(new IssueKeyCommand("acme", "web", KeyRole.WRITE));

        assertThat(issued.key().createdAt()).isEqualTo(NOW);
        assertThat(issued.key().revokedAt()).isNull();
        assertThat(issued.key().activeAt(java.time.Instant.now())).isTrue();
        assertThat(issued.key().brandId()).isEqualTo("acme");
        assertThat(issued.key().channelId()).isEqualTo("web");
    }

    @Test
    void givenUnknownKey_whenAuthenticating_thenFails() {
        service.issue(new IssueKeyCommand("acme", "web", KeyRole.WRITE));

        assertThatExceptionOfType(AuthenticationFailedException.class)
                .isThrownBy(() -> service.authenticate("tw_notAKeyThatWasEverIssued", KeyRole.WRITE));
    }

    @Test
    void givenAlteredKey_whenAuthenticating_thenFails() {
        IssuedKey issued = service.issue(new IssueKeyCommand("acme", "web", KeyRole.WRITE));

        assertThatExceptionOfType(AuthenticationFailedException.class)
                .isThrownBy(() -> service.authenticate(issued.rawKey() + "x", KeyRole.WRITE));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t"})
    void givenMissingOrBlankKey_whenAuthenticating_thenFails(String rawKey) {
        assertThatExceptionOfType(AuthenticationFailedException.class)
                .isThrownBy(() -> service.authenticate(rawKey, KeyRole.WRITE));
    }

    @Test
    void givenRevokedKey_whenAuthenticating_thenFails() {
        IssuedKey issued = service.issue(new IssueKeyCommand("acme", "web", KeyRole.WRITE));
        ApiKey key = issued.key();
        store.replace(new ApiKey(key.keyId(), key.keyHash(), key.brandId(), key.channelId(), key.role(),
                key.createdAt(), NOW));

        assertThatExceptionOfType(AuthenticationFailedException.class)
                .isThrownBy(() -> service.authenticate(issued.rawKey(), KeyRole.WRITE))
                .withMessageContaining("revoked")
                .withMessageNotContaining(issued.rawKey());
    }

    @Test
    void givenKeyEndingLaterInItsGracePeriod_whenAuthenticatingNow_thenItStillWorks() {
        IssuedKey issued = service.issue(new IssueKeyCommand("acme", "web", KeyRole.WRITE));
        store.replace(issued.key().endingAt(NOW.plusSeconds(60)));

        assertThat(service.authenticate(issued.rawKey(), KeyRole.WRITE).keyId()).isEqualTo(issued.key().keyId());
    }

    @Test
    void givenRotation_whenRotatingWithGrace_thenBothKeysWorkUntilTheGraceEnds() {
        IssuedKey old = service.issue(new IssueKeyCommand("acme", "web", KeyRole.WRITE));

        IssuedKey next = service.rotate("acme", old.key().keyId(), java.time.Duration.ofMinutes(5));

        assertThat(next.key().channelId()).isEqualTo("web");
        assertThat(service.authenticate(old.rawKey(), KeyRole.WRITE)).isNotNull();
        assertThat(service.authenticate(next.rawKey(), KeyRole.WRITE)).isNotNull();
        assertThat(store.findByHash(old.key().keyHash()).orElseThrow().revokedAt()).isEqualTo(NOW.plusSeconds(300));
    }

    @Test
    void givenAdminKeyId_whenRevokingThroughKeyManagement_thenItIsNotFound() {
        IssuedKey admin = service.issue(new IssueKeyCommand("acme", null, KeyRole.ADMIN));

        assertThatExceptionOfType(io.tally.core.domain.access.KeyNotFoundException.class)
                .isThrownBy(() -> service.revoke("acme", admin.key().keyId()));
    }

    @Test
    void givenKeyOfAnotherBrand_whenRevoking_thenItIsNotFound() {
        IssuedKey other = service.issue(new IssueKeyCommand("globex", "web", KeyRole.WRITE));

        assertThatExceptionOfType(io.tally.core.domain.access.KeyNotFoundException.class)
                .isThrownBy(() -> service.revoke("acme", other.key().keyId()));
        assertThat(service.authenticate(other.rawKey(), KeyRole.WRITE)).isNotNull();
    }

    @Test
    void givenWriteKey_whenAuthenticatingForAdmin_thenFails() {
        IssuedKey issued = service.issue(new IssueKeyCommand("acme", "web", KeyRole.WRITE));

        assertThatExceptionOfType(AuthenticationFailedException.class)
                .isThrownBy(() -> service.authenticate(issued.rawKey(), KeyRole.ADMIN))
                .withMessageNotContaining(issued.rawKey());
    }

    @Test
    void givenAdminKey_whenAuthenticatingForWrite_thenFails() {
        IssuedKey issued = service.issue(new IssueKeyCommand("acme", null, KeyRole.ADMIN));

        assertThatExceptionOfType(AuthenticationFailedException.class)
                .isThrownBy(() -> service.authenticate(issued.rawKey(), KeyRole.WRITE));
    }
}
