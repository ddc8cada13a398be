package dev.arbiter.security;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * The key files of a local installation: one per role, {@code <keys-dir>/<role>.key}, mode 600,
 * readable by {@code scripts/arbiter-curl} and by people:
 * <pre>
 * key_id=k-...
 * secret=64 hex characters
 * role=originator
 * environment=sandbox
 * </pre>
 */
public final class LocalKeys {

    private LocalKeys() {}

    public static Path file(Path keysDir, Role role) {
        return keysDir.resolve(role.wire() + ".key");
    }

    /** Creates one client per role with one key each and writes their key files; returns where. */
    public static Map<Role, Path> create(
            Clients clients, KeyEnvironment environment, Path keysDir, Iterable<Role> roles) {
        Map<Role, Path> written = new EnumMap<>(Role.class);
        for (Role role : roles) {
            var client = clients.create("local " + role.wire());
            var key = clients.issue(client.clientId(), role, environment, null, null);
            Path file = file(keysDir, role);
            MasterKey.KeyFiles.writePrivate(
                    file,
                    "# Arbiter " + environment.wire() + " key of client "
                            + client.clientId() + " (" + client.name()
                            + "); sign requests with scripts/arbiter-curl -k "
                            + file + "\nkey_id=" + key.keyId() + "\nsecret=" + key.secret() + "\nrole=" + role.wire()
                            + "\nenvironment=" + environment.wire() + "\nclient_id=" + client.clientId() + "\n");
            written.put(role, file);
        }
        return written;
    }
}
