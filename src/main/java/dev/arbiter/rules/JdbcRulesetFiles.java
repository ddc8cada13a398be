package dev.arbiter.rules;

import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** Reads the files of a stored ruleset version back, as they were stored. */
public final class JdbcRulesetFiles {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public JdbcRulesetFiles(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<Map<String, byte[]>> files(String version) {
        return jdbc.sql("select files from ruleset_version where version = ?")
                .param(version)
                .query(String.class)
                .optional()
                .map(text -> {
                    Map<String, String> encoded = json.readValue(text, new TypeReference<Map<String, String>>() {});
                    Map<String, byte[]> files = new TreeMap<>();
                    encoded.forEach((path, base64) ->
                            files.put(path, Base64.getDecoder().decode(base64)));
                    return files;
                });
    }
}
