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

    private RulesetFixture() {}

    /**
     * Someone who both drafts and approves rulesets: one client holding an analyst and an
     * approver key. Four eyes compare clients, so such a person still cannot approve their own
     * version. {@code http} signs each request with the key its step needs (approve, activate
     * and shadow as approver; the rest of the authoring as analyst) and posts decisions as the
     * local originator.
     */
    public record Person(String clientId, Http http) {}

    public static Person person(org.springframework.context.ApplicationContext context, String name) {
        Http admin = Http.to(context, "admin");
        Http.Answer created = admin.post("/v1/admin/clients", Map.of("name", name + "-" + UUID.randomUUID()));
        if (created.status() != 201) {
            throw new IllegalStateException("client refused: " + created.body());
        }
        String clientId = created.json().path("clientId").asString();
        Keys.Key analyst = issue(admin, clientId, "analyst");
        Keys.Key approver = issue(admin, clientId, "approver");
        Keys.Key originator = Keys.of(context).role("originator");
        Http http = Http.signingWith(admin.port(), (method, path) -> {
            String route = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
            if (route.equals("/v1/decisions")) {
                return originator;
            }
            boolean approving = route.endsWith("/approve")
                    || route.endsWith("/activate")
                    || route.endsWith("/shadow")
                    || route.equals("/v1/reports/shadow");
            return approving ? approver : analyst;
        });
        return new Person(clientId, http);
    }

    private static Keys.Key issue(Http admin, String clientId, String role) {
        Http.Answer issued = admin.post("/v1/admin/clients/" + clientId + "/keys", Map.of("role", role));
        if (issued.status() != 201) {
            throw new IllegalStateException("key refused: " + issued.body());
        }
        return Keys.Key.of(
                issued.json().path("keyId").asString(),
                issued.json().path("secret").asString());
    }

    /** The shipped folder's files, rules and golden cases, as text by path. */
    public static Map<String, String> shipped() {
        Map<String, String> files = new LinkedHashMap<>();
        Ruleset.loadWithCases(Path.of("rules"))
                .files()
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

    /** Uploads as the author, approves as the approver, and returns the version. */
    public static String approved(Person author, Person approver, Map<String, String> files) {
        Http.Answer uploaded = author.http().post("/v1/rulesets", upload(files));
        if (uploaded.status() != 201 && uploaded.status() != 200) {
            throw new IllegalStateException("upload refused: " + uploaded.body());
        }
        String version = uploaded.json().path("version").asString();
        if (uploaded.json().path("status").asString().equals("DRAFT")) {
            Http.Answer approval = approver.http().post("/v1/rulesets/" + version + "/approve", "");
            if (approval.status() != 200) {
                throw new IllegalStateException("approval refused: " + approval.body());
            }
        }
        return version;
    }

    /** Makes {@code version} active unless it is already. */
    public static void ensureActive(Person approver, String version) {
        if (!activeVersion(approver.http()).equals(version)) {
            Http.Answer answer = approver.http().post("/v1/rulesets/" + version + "/activate", "");
            if (answer.status() != 200) {
                throw new IllegalStateException("activation refused: " + answer.body());
            }
        }
    }
}
