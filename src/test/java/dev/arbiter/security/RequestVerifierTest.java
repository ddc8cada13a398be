package dev.arbiter.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.hashing.Digests;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Each way a signed request can fail, with its own code; unit-level, over stores kept in memory. */
class RequestVerifierTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final byte[] BODY = "{\"applicationId\":\"a-1\"}".getBytes(StandardCharsets.UTF_8);

    private final MemoryKeys keys = new MemoryKeys();
    private final MemoryNonces nonces = new MemoryNonces();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final Clients clients =
            new Clients(keys, MasterKey.fromBase64("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="), clock);
    private final RequestVerifier verifier =
            new RequestVerifier(clients, nonces, clock, Duration.ofMinutes(5), KeyEnvironment.SANDBOX);
    private final Clients.IssuedKey key =
            clients.issue(clients.create("lender").clientId(), Role.ORIGINATOR, KeyEnvironment.SANDBOX, null, null);

    private SignedRequest signed(
            Clients.IssuedKey with, long epochSeconds, String nonce, byte[] signedBody, byte[] sentBody) {
        String canonical =
                Signatures.canonical("POST", "/v1/decisions", "", Long.toString(epochSeconds), nonce, signedBody);
        String signature = Signatures.sign(HexFormat.of().parseHex(with.secret()), canonical);
        return new SignedRequest(
                "POST", "/v1/decisions", null, with.keyId(), Long.toString(epochSeconds), nonce, signature, sentBody);
    }

    private SignedRequest signed(Clients.IssuedKey with, String nonce) {
        return signed(with, NOW.getEpochSecond(), nonce, BODY, BODY);
    }

    private static Refusal refused(RequestVerifier.Verdict verdict) {
        assertThat(verdict).isInstanceOf(RequestVerifier.Refused.class);
        return ((RequestVerifier.Refused) verdict).refusal();
    }

    /** The same store through a node that keeps opened keys for two seconds of a clock the test turns. */
    private final AtomicLong nanos = new AtomicLong();

    private final Clients cached = new Clients(
            keys,
            MasterKey.fromBase64("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="),
            clock,
            Duration.ofSeconds(2),
            nanos::get);
    private final RequestVerifier cachedVerifier =
            new RequestVerifier(cached, nonces, clock, Duration.ofMinutes(5), KeyEnvironment.SANDBOX);

    @Test
    void aBusyKeyIsLookedUpAndOpenedOncePerKeyCachePeriod() {
        int before = keys.lookups;
        for (int i = 0; i < 10; i++) {
            assertThat(cachedVerifier.verify(signed(key, "busy-" + i))).isInstanceOf(RequestVerifier.Accepted.class);
        }
        assertThat(keys.lookups - before).isEqualTo(1);

        nanos.addAndGet(Duration.ofSeconds(3).toNanos());
        assertThat(cachedVerifier.verify(signed(key, "busy-later"))).isInstanceOf(RequestVerifier.Accepted.class);
        assertThat(keys.lookups - before).isEqualTo(2);
    }

    @Test
    void aKeyRevokedOnThisNodeIsRefusedAtOnceThoughItWasCached() {
        assertThat(cachedVerifier.verify(signed(key, "r-1"))).isInstanceOf(RequestVerifier.Accepted.class);

        cached.revoke(key.keyId());

        assertThat(refused(cachedVerifier.verify(signed(key, "r-2"))).failure()).isEqualTo(AuthFailure.KEY_REVOKED);
    }

    @Test
    void aKeyRevokedOnAnotherNodeIsRefusedHereOnceTheKeyCachePeriodHasPassed() {
        assertThat(cachedVerifier.verify(signed(key, "o-1"))).isInstanceOf(RequestVerifier.Accepted.class);

        keys.revoke(key.keyId(), NOW); // as another node's revocation reaches the shared store
        nanos.addAndGet(Duration.ofMillis(2_001).toNanos());

        assertThat(refused(cachedVerifier.verify(signed(key, "o-2"))).failure()).isEqualTo(AuthFailure.KEY_REVOKED);
    }

    @Test
    void anUnknownKeyIdIsNeverCachedSoAKeyIssuedOnAnotherNodeWorksAtOnce() {
        var elsewhere = clients.issue(key.clientId(), Role.ORIGINATOR, KeyEnvironment.SANDBOX, null, null);
        KeyStore.StoredKey stored = keys.keys.remove(elsewhere.keyId()); // not yet in the shared store
        assertThat(refused(cachedVerifier.verify(signed(elsewhere, "u-1"))).failure())
                .isEqualTo(AuthFailure.UNKNOWN_KEY);

        keys.keys.put(elsewhere.keyId(), stored); // the other node's insert lands

        assertThat(cachedVerifier.verify(signed(elsewhere, "u-2"))).isInstanceOf(RequestVerifier.Accepted.class);
    }

    @Test
    void aCorrectlySignedRequestNamesItsCaller() {
        var verdict = verifier.verify(signed(key, "n-1"));

        assertThat(verdict)
                .isEqualTo(new RequestVerifier.Accepted(new Caller(key.clientId(), key.keyId(), Role.ORIGINATOR)));
    }

    @Test
    void aRequestWithoutSignatureHeadersLacksCredentials() {
        var r = refused(verifier.verify(
                new SignedRequest("GET", "/v1/decisions/x", null, null, null, null, null, new byte[0])));

        assertThat(r.failure()).isEqualTo(AuthFailure.MISSING_CREDENTIALS);
        assertThat(r.detail()).contains("X-Arbiter-Key-Id");
    }

    @Test
    void anUnknownKeyIsNamed() {
        var other = new Clients.IssuedKey(
                key.clientId(), "k-nope", Role.ORIGINATOR, KeyEnvironment.SANDBOX, NOW, null, key.secret());

        assertThat(refused(verifier.verify(signed(other, "n-1"))).failure()).isEqualTo(AuthFailure.UNKNOWN_KEY);
    }

    @Test
    void aKeyBeforeItsStartAfterItsEndOrRevokedIsRefusedEachWithItsOwnCode() {
        String client = key.clientId();
        var future = clients.issue(client, Role.ORIGINATOR, KeyEnvironment.SANDBOX, NOW.plusSeconds(60), null);
        var past = clients.issue(client, Role.ORIGINATOR, KeyEnvironment.SANDBOX, NOW.minusSeconds(120), NOW);
        var revoked = clients.issue(client, Role.ORIGINATOR, KeyEnvironment.SANDBOX, null, null);
        clients.revoke(revoked.keyId());

        Refusal early = refused(verifier.verify(signed(future, "n-1")));
        assertThat(early.failure()).isEqualTo(AuthFailure.KEY_NOT_YET_VALID);
        assertThat(early.facts()).containsEntry("serverTime", NOW.toString());
        assertThat(refused(verifier.verify(signed(past, "n-2"))).failure()).isEqualTo(AuthFailure.KEY_EXPIRED);
        assertThat(refused(verifier.verify(signed(revoked, "n-3"))).failure()).isEqualTo(AuthFailure.KEY_REVOKED);
    }

    @Test
    void aRevokedKeyWithAWrongSignatureLearnsNothingAboutTheKey() {
        var revoked = clients.issue(key.clientId(), Role.ORIGINATOR, KeyEnvironment.SANDBOX, null, null);
        clients.revoke(revoked.keyId());
        var forged = new Clients.IssuedKey(
                revoked.clientId(),
                revoked.keyId(),
                revoked.role(),
                revoked.environment(),
                revoked.notBefore(),
                revoked.notAfter(),
                "00".repeat(32));

        assertThat(refused(verifier.verify(signed(forged, "n-1"))).failure()).isEqualTo(AuthFailure.SIGNATURE_MISMATCH);
    }

    @Test
    void aProductionKeyIsRefusedBySandboxArbiter() {
        var production = clients.issue(key.clientId(), Role.ORIGINATOR, KeyEnvironment.PRODUCTION, null, null);

        Refusal r = refused(verifier.verify(signed(production, "n-1")));
        assertThat(r.failure()).isEqualTo(AuthFailure.ENVIRONMENT_MISMATCH);
        assertThat(r.failure().status()).isEqualTo(403);
        assertThat(r.detail()).contains("production key").contains("this Arbiter is sandbox");
    }

    @Test
    void aTimestampJustInsideTheWindowPassesAndJustOutsideIsRefusedWithServerTime() {
        long edge = NOW.minus(Duration.ofMinutes(5)).getEpochSecond();
        assertThat(verifier.verify(signed(key, edge, "n-1", BODY, BODY))).isInstanceOf(RequestVerifier.Accepted.class);

        Refusal r = refused(verifier.verify(signed(key, edge - 1, "n-2", BODY, BODY)));
        assertThat(r.failure()).isEqualTo(AuthFailure.TIMESTAMP_OUTSIDE_WINDOW);
        assertThat(r.facts()).containsEntry("serverEpochSeconds", NOW.getEpochSecond());
        assertThat(refused(verifier.verify(signed(key, NOW.getEpochSecond() + 301, "n-3", BODY, BODY)))
                        .failure())
                .isEqualTo(AuthFailure.TIMESTAMP_OUTSIDE_WINDOW);
    }

    @Test
    void aTamperedBodyIsASignatureMismatchShowingTheServersCanonicalStringButNoSecret() {
        byte[] tampered = "{\"applicationId\":\"a-2\"}".getBytes(StandardCharsets.UTF_8);

        Refusal r = refused(verifier.verify(signed(key, NOW.getEpochSecond(), "n-1", BODY, tampered)));

        assertThat(r.failure()).isEqualTo(AuthFailure.SIGNATURE_MISMATCH);
        assertThat((String) r.facts().get("canonicalString")).endsWith(Digests.sha256Hex(tampered));
        assertThat(r.toString()).doesNotContain(key.secret());
        assertThat(nonces.seen).as("a refused request burns no nonce").isEmpty();
    }

    @Test
    void aNonceIsAcceptedOnce() {
        assertThat(verifier.verify(signed(key, "n-1"))).isInstanceOf(RequestVerifier.Accepted.class);

        assertThat(refused(verifier.verify(signed(key, "n-1"))).failure()).isEqualTo(AuthFailure.NONCE_REPLAYED);
    }

    @Test
    void duringRotationBothKeysWorkAndRevokingOneLeavesTheOther() {
        var newer = clients.issue(key.clientId(), Role.ORIGINATOR, KeyEnvironment.SANDBOX, null, null);
        assertThat(verifier.verify(signed(key, "n-1"))).isInstanceOf(RequestVerifier.Accepted.class);
        assertThat(verifier.verify(signed(newer, "n-2"))).isInstanceOf(RequestVerifier.Accepted.class);

        clients.revoke(key.keyId());

        assertThat(refused(verifier.verify(signed(key, "n-3"))).failure()).isEqualTo(AuthFailure.KEY_REVOKED);
        assertThat(verifier.verify(signed(newer, "n-4"))).isInstanceOf(RequestVerifier.Accepted.class);
    }

    @Test
    void noncesOlderThanTwoWindowsArePurgedAtMostOncePerWindow() {
        verifier.verify(signed(key, "n-1"));
        verifier.verify(signed(key, "n-2"));

        assertThat(nonces.purgedBefore).containsExactly(NOW.minus(Duration.ofMinutes(10)));
    }

    @Test
    void theSecretIsStoredOnlySealed() {
        KeyStore.StoredKey stored = keys.key(key.keyId()).orElseThrow();

        assertThat(HexFormat.of().formatHex(stored.sealedSecret())).doesNotContain(key.secret());
        assertThat(key.toString()).doesNotContain(key.secret());
    }

    private static final class MemoryKeys implements KeyStore {
        final Map<String, StoredClient> clients = new HashMap<>();
        final Map<String, StoredKey> keys = new HashMap<>();

        @Override
        public long clientCount() {
            return clients.size();
        }

        @Override
        public Optional<StoredClient> client(String clientId) {
            return Optional.ofNullable(clients.get(clientId));
        }

        @Override
        public List<StoredClient> clients() {
            return new ArrayList<>(clients.values());
        }

        @Override
        public void createClient(StoredClient client) {
            clients.put(client.clientId(), client);
        }

        int lookups;

        @Override
        public Optional<StoredKey> key(String keyId) {
            lookups++;
            return Optional.ofNullable(keys.get(keyId));
        }

        @Override
        public List<StoredKey> keys(String clientId) {
            return keys.values().stream()
                    .filter(k -> k.clientId().equals(clientId))
                    .toList();
        }

        @Override
        public void addKey(StoredKey key) {
            keys.put(key.keyId(), key);
        }

        @Override
        public boolean linkPerson(String clientId, String person) {
            StoredClient c = clients.get(clientId);
            if (c == null) {
                return false;
            }
            clients.put(clientId, new StoredClient(c.clientId(), c.name(), c.createdAt(), person));
            return true;
        }

        @Override
        public boolean revoke(String keyId, Instant at) {
            StoredKey k = keys.get(keyId);
            if (k == null) {
                return false;
            }
            keys.put(
                    keyId,
                    new StoredKey(
                            k.keyId(),
                            k.clientId(),
                            k.role(),
                            k.environment(),
                            k.notBefore(),
                            k.notAfter(),
                            at,
                            k.sealedSecret(),
                            k.createdAt()));
            return true;
        }
    }

    private static final class MemoryNonces implements NonceStore {
        final Set<String> seen = new HashSet<>();
        final List<Instant> purgedBefore = new ArrayList<>();

        @Override
        public boolean firstUse(String keyId, String nonce, Instant seenAt) {
            return seen.add(keyId + " " + nonce);
        }

        @Override
        public int purgeBefore(Instant before) {
            purgedBefore.add(before);
            return 0;
        }
    }
}
