package dev.arbiter.security;

import java.security.SecureRandom;
import java.time.Clock;
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

    public Clients(KeyStore store, MasterKey master, Clock clock) {
        this.store = store;
        this.master = master;
        this.clock = clock;
    }

    /** A key as issued: the only moment its secret (64 hex characters, 32 bytes) leaves Arbiter. */
    public record IssuedKey(String clientId, String keyId, Role role, KeyEnvironment environment, Instant notBefore,
                            Instant notAfter, String secret) {
        @Override
        public String toString() {
            return "IssuedKey[clientId=" + clientId + ", keyId=" + keyId + ", role=" + role.wire() + ", secret=redacted]";
        }
    }

    /** A key with its opened secret, for verifying one request; not kept beyond it. */
    record OpenKey(KeyStore.StoredKey stored, byte[] secret) {
    }

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
    public IssuedKey issue(String clientId, Role role, KeyEnvironment environment, Instant notBefore,
                           Instant notAfter) {
        Instant now = clock.instant();
        String keyId = "k-" + random(12);
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        Instant from = notBefore == null ? now : notBefore;
        store.addKey(new KeyStore.StoredKey(keyId, clientId, role, environment, from, notAfter, null,
                master.seal(secret, "client-key:" + keyId), now));
        return new IssuedKey(clientId, keyId, role, environment, from, notAfter, HEX.formatHex(secret));
    }

    public Optional<KeyStore.StoredKey> key(String keyId) {
        return store.key(keyId);
    }

    public boolean revoke(String keyId) {
        return store.revoke(keyId, clock.instant());
    }

    Optional<OpenKey> open(String keyId) {
        return store.key(keyId).map(k -> new OpenKey(k, master.open(k.sealedSecret(), "client-key:" + keyId)));
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HEX.formatHex(b);
    }
}
