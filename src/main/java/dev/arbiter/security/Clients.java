package dev.arbiter.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Clients and their keys: creating them, issuing a key (whose secret is shown once and then
 * kept only sealed under the master key), revoking one, and opening a key's secret to check a
 * signature.
 */
public final class Clients {

    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyStore store;
    private final MasterKey master;
    private final Clock clock;
    /**
     * Keys opened for verifying requests, kept for a short while so that a busy client costs one
     * lookup and one decryption per period rather than per request. A revocation here removes the
     * key at once; on other nodes it takes effect within the period.
     */
    private final Cache<String, OpenKey> opened;

    public Clients(KeyStore store, MasterKey master, Clock clock) {
        this(store, master, clock, Duration.ZERO);
    }

    /** @param keyCacheTtl how long an opened key is kept; zero opens it for every request */
    public Clients(KeyStore store, MasterKey master, Clock clock, Duration keyCacheTtl) {
        this(store, master, clock, keyCacheTtl, Ticker.systemTicker());
    }

    Clients(KeyStore store, MasterKey master, Clock clock, Duration keyCacheTtl, Ticker ticker) {
        this.store = store;
        this.master = master;
        this.clock = clock;
        this.opened = Caffeine.newBuilder()
                .maximumSize(10_000)
                .ticker(ticker)
                .expireAfterWrite(keyCacheTtl.isNegative() ? Duration.ZERO : keyCacheTtl)
                .build();
    }

    /** A key as issued: the only moment its secret (64 hex characters, 32 bytes) leaves Arbiter. */
    public record IssuedKey(
            String clientId,
            String keyId,
            Role role,
            KeyEnvironment environment,
            Instant notBefore,
            Instant notAfter,
            String secret) {
        @Override
        public String toString() {
            return "IssuedKey[clientId=" + clientId + ", keyId=" + keyId + ", role=" + role.wire()
                    + ", secret=redacted]";
        }
    }

    /** A key with its opened secret, for verifying requests; kept at most for the key cache's period. */
    record OpenKey(KeyStore.StoredKey stored, byte[] secret, String person) {}

    public boolean none() {
        return store.clientCount() == 0;
    }

    public KeyStore.StoredClient create(String name) {
        var client = new KeyStore.StoredClient("c-" + random(8), name, clock.instant());
        store.createClient(client);
        return client;
    }

    public Optional<KeyStore.StoredClient> client(String clientId) {
        return store.client(clientId);
    }

    public List<KeyStore.StoredClient> all() {
        return store.clients();
    }

    public List<KeyStore.StoredKey> keys(String clientId) {
        return store.keys(clientId);
    }

    /**
     * Issues a new key for an existing client; the client's other keys keep working, which is
     * how a key is rotated: issue, switch the caller over, revoke the old one.
     *
     * @param notBefore null for now
     * @param notAfter  null for no expiry
     */
    public IssuedKey issue(
            String clientId, Role role, KeyEnvironment environment, Instant notBefore, Instant notAfter) {
        Instant now = clock.instant();
        String keyId = "k-" + random(12);
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        Instant from = notBefore == null ? now : notBefore;
        store.addKey(new KeyStore.StoredKey(
                keyId,
                clientId,
                role,
                environment,
                from,
                notAfter,
                null,
                master.seal(secret, "client-key:" + keyId),
                now));
        return new IssuedKey(clientId, keyId, role, environment, from, notAfter, HEX.formatHex(secret));
    }

    public Optional<KeyStore.StoredKey> key(String keyId) {
        return store.key(keyId);
    }

    /**
     * Makes the client act for a person (their signed requests are then that person's actions,
     * for the record and for four eyes), or for nobody (null). Keys opened earlier are dropped
     * here at once; other nodes see the link within the key cache's period.
     */
    public boolean linkPerson(String clientId, String person) {
        boolean linked = store.linkPerson(clientId, person);
        opened.invalidateAll();
        return linked;
    }

    public boolean revoke(String keyId) {
        boolean revoked = store.revoke(keyId, clock.instant());
        opened.invalidate(keyId);
        return revoked;
    }

    /** Unknown key ids are never kept: a key issued on another node works here at once. */
    Optional<OpenKey> open(String keyId) {
        OpenKey cached = opened.getIfPresent(keyId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<OpenKey> found = store.key(keyId)
                .map(k -> new OpenKey(
                        k,
                        master.open(k.sealedSecret(), "client-key:" + keyId),
                        store.client(k.clientId())
                                .map(KeyStore.StoredClient::person)
                                .orElse(null)));
        found.ifPresent(key -> opened.put(keyId, key));
        return found;
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HEX.formatHex(b);
    }
}
