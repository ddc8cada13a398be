package dev.arbiter.security;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: durable storage of clients and their keys. Secrets arrive here already sealed by the master key. */
public interface KeyStore {

    /** @param person the user name of the person the client acts for; null when none */
    record StoredClient(String clientId, String name, Instant createdAt, String person) {
        public StoredClient(String clientId, String name, Instant createdAt) {
            this(clientId, name, createdAt, null);
        }
    }

    /**
     * @param sealedSecret the secret encrypted under the master key, bound to the key id
     * @param notAfter     null for a key that does not expire
     * @param revokedAt    null while the key is not revoked
     */
    record StoredKey(
            String keyId,
            String clientId,
            Role role,
            KeyEnvironment environment,
            Instant notBefore,
            Instant notAfter,
            Instant revokedAt,
            byte[] sealedSecret,
            Instant createdAt) {}

    long clientCount();

    Optional<StoredClient> client(String clientId);

    List<StoredClient> clients();

    void createClient(StoredClient client);

    Optional<StoredKey> key(String keyId);

    List<StoredKey> keys(String clientId);

    void addKey(StoredKey key);

    /** Links the client to a person (their user name), or unlinks it (null); false when no such client exists. */
    boolean linkPerson(String clientId, String person);

    /** Marks the key revoked at {@code at} unless it already is; false when no such key exists. */
    boolean revoke(String keyId, Instant at);
}
