package dev.arbiter.persistence;

import java.time.Clock;
import java.sql.Timestamp;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.ObjectMapper;

/** Keeps each ruleset version's files once, keyed by the version's content hash. */
public final class JdbcRulesetStore {

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    public JdbcRulesetStore(JdbcClient jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** Stores the files of a version unless that version is stored already; files are kept base64-encoded. */
    public void storeIfAbsent(String version, Map<String, byte[]> files) {
        Map<String, String> encoded = new TreeMap<>();
        files.forEach((path, bytes) -> encoded.put(path, Base64.getEncoder().encodeToString(bytes)));
        jdbc.sql("""
                insert into ruleset_version (version, files, stored_at) values (?, ?::jsonb, ?)
                on conflict (version) do nothing
                """)
                .params(version, json.writeValueAsString(encoded), Timestamp.from(clock.instant()))
                .update();
    }

    public boolean exists(String version) {
        return jdbc.sql("select count(*) from ruleset_version where version = ?").param(version)
                .query(Integer.class).single() > 0;
    }
}
