package dev.arbiter;

import dev.arbiter.rules.Ruleset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Ruleset versions as an analyst would upload them, made from the shipped folder; tests tweak copies. */
public final class RulesetFixture {

    public static final String ALICE = "alice";
    public static final String BOB = "bob";

    private RulesetFixture() {
    }

    /** The shipped folder's files, rules and golden cases, as text by path. */
    public static Map<String, String> shipped() {
        Map<String, String> files = new LinkedHashMap<>();
        Ruleset.loadWithCases(Path.of("rules")).files()
                .forEach((path, bytes) -> files.put(path, new String(bytes, StandardCharsets.UTF_8)));
        return files;
    }

    /** The shipped rules with a comment that makes them a version of their own, deciding the same. */
    public static Map<String, String> shippedCopy() {
        Map<String, String> files = shipped();
        files.put("risk.drl", files.get("risk.drl") + "\n// copy " + UUID.randomUUID() + "\n");
        return files;
    }

    /**
     * The shipped rules with a minimum age of 40, keeping only the golden case that still holds
     * (the minor): a version that passes its cases and denies the fixture's 38-year-old renter.
     */
    public static Map<String, String> minimumAgeForty() {
        Map<String, String> files = shippedCopy();
        files.keySet().removeIf(path -> path.startsWith("cases/") && !path.equals("cases/deny-under-age.json"));
        files.put("parameters.json", files.get("parameters.json").replace("\"minAge\": 18", "\"minAge\": 40"));
        return files;
    }

    public static Map<String, Object> upload(Map<String, String> files) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("files", files);
        return body;
    }

    public static Map<String, Object> upload(Map<String, String> files, String parent) {
        Map<String, Object> body = upload(files);
        body.put("parent", parent);
        return body;
    }

    /** The version that serves now, as the ruleset list says. */
    public static String activeVersion(Http http) {
        for (JsonNode version : http.get("/v1/rulesets").json()) {
            if (version.path("status").asString().equals("ACTIVE")) {
                return version.path("version").asString();
            }
        }
        throw new IllegalStateException("no active ruleset");
    }

    /** Uploads as alice, approves as bob, and returns the version. */
    public static String approved(Http http, Map<String, String> files) {
        Http.Answer uploaded = http.as(ALICE).post("/v1/rulesets", upload(files));
        if (uploaded.status() != 201 && uploaded.status() != 200) {
            throw new IllegalStateException("upload refused: " + uploaded.body());
        }
        String version = uploaded.json().path("version").asString();
        if (uploaded.json().path("status").asString().equals("DRAFT")) {
            Http.Answer approval = http.as(BOB).post("/v1/rulesets/" + version + "/approve", "");
            if (approval.status() != 200) {
                throw new IllegalStateException("approval refused: " + approval.body());
            }
        }
        return version;
    }

    /** Makes {@code version} active unless it is already. */
    public static void ensureActive(Http http, String version) {
        if (!activeVersion(http).equals(version)) {
            Http.Answer answer = http.as(BOB).post("/v1/rulesets/" + version + "/activate", "");
            if (answer.status() != 200) {
                throw new IllegalStateException("activation refused: " + answer.body());
            }
        }
    }
}
