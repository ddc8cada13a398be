package dev.arbiter.security;

import static dev.arbiter.security.Role.ADMIN;
import static dev.arbiter.security.Role.ANALYST;
import static dev.arbiter.security.Role.APPROVER;
import static dev.arbiter.security.Role.AUDITOR;
import static dev.arbiter.security.Role.ORIGINATOR;
import static dev.arbiter.security.Role.REVIEWER;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which roles may call which endpoint: the one table, checked before any request is routed.
 * An endpoint not listed here is refused to every role (deny by default). README's
 * authorization table is this list. Patterns: {@code {x}} is one path segment, a trailing
 * {@code **} any rest of the path (including none).
 */
public final class Authorization {

    /** One row of the table. */
    public record Rule(String method, String pattern, Set<Role> roles) {
        public Rule {
            roles = Set.copyOf(roles);
        }

        boolean matches(String requestMethod, String path) {
            return method.equals(requestMethod) && Authorization.matches(pattern, path);
        }
    }

    public static final List<Rule> TABLE = List.of(
            // decisions: originators read only their own (checked by the endpoint, which knows the owner)
            rule("POST", "/v1/decisions", ORIGINATOR),
            // the decision stream (WebSocket): originators decide, auditors and reviewers follow the live feed
            rule("GET", "/v1/stream", ORIGINATOR, AUDITOR, REVIEWER),
            rule("GET", "/v1/decisions", AUDITOR, REVIEWER),
            rule("GET", "/v1/decisions/{id}", ORIGINATOR, AUDITOR, REVIEWER),
            rule("POST", "/v1/decisions/{id}/replay", AUDITOR),
            rule("POST", "/v1/decisions/{id}/review", REVIEWER),
            rule("GET", "/v1/decisions/{id}/adverse-action", AUDITOR),
            rule("POST", "/v1/decisions/{id}/adverse-action", AUDITOR),
            rule("POST", "/v1/decisions/{id}/human-review-request", ORIGINATOR),
            rule("POST", "/v1/decisions/{id}/performance", ORIGINATOR),
            rule("GET", "/v1/decisions/{id}/performance", AUDITOR),
            rule("DELETE", "/v1/decisions/{id}/pii", ADMIN, AUDITOR),
            rule("GET", "/v1/reviews", REVIEWER, AUDITOR),
            rule("GET", "/v1/reviews/**", REVIEWER, AUDITOR),
            // audit: verify the chain, checkpoints, public key
            rule("GET", "/v1/audit/**", AUDITOR),
            rule("POST", "/v1/audit/**", AUDITOR),
            // rule authoring: analysts draft, test and simulate; approvers approve and activate
            rule("GET", "/v1/rulesets/**", ANALYST, APPROVER, AUDITOR),
            rule("POST", "/v1/rulesets", ANALYST),
            rule("POST", "/v1/rulesets/{version}/test", ANALYST),
            rule("POST", "/v1/rulesets/{version}/simulate", ANALYST),
            rule("POST", "/v1/rulesets/{version}/approve", APPROVER),
            rule("POST", "/v1/rulesets/{version}/activate", APPROVER),
            rule("POST", "/v1/rulesets/{version}/shadow", APPROVER),
            rule("DELETE", "/v1/rulesets/shadow", APPROVER),
            // reports
            rule("GET", "/v1/reports/rules", ANALYST, AUDITOR),
            rule("GET", "/v1/reports/shadow", ANALYST, APPROVER, AUDITOR),
            rule("GET", "/v1/reports/fairness", ANALYST, AUDITOR),
            // a search that re-decides stored decisions under variants; it stores nothing
            rule("POST", "/v1/reports/fairness/alternatives", ANALYST, AUDITOR),
            // personal data: found only through the keyed hash of a national id
            rule("POST", "/v1/pii/search", AUDITOR),
            // clients and keys
            rule("GET", "/v1/admin/**", ADMIN),
            rule("POST", "/v1/admin/**", ADMIN));

    /** Each pattern of the table cut into its segments once, not at every request. */
    private static final Map<String, String[]> SEGMENTS =
            TABLE.stream().map(Rule::pattern).distinct().collect(Collectors.toMap(p -> p, p -> p.split("/")));

    private Authorization() {}

    /** The roles allowed for this method and path; empty when no rule lists it (nobody may). */
    public static Set<Role> allowed(String method, String path) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        String[] segments = path.split("/");
        for (Rule rule : TABLE) {
            if (rule.method().equals(method) && matches(SEGMENTS.get(rule.pattern()), segments)) {
                roles.addAll(rule.roles());
            }
        }
        return roles;
    }

    /** Empty when the role may call the endpoint, else why not. */
    public static Optional<Refusal> check(Role role, String method, String path) {
        Set<Role> roles = allowed(method, path);
        if (roles.contains(role)) {
            return Optional.empty();
        }
        String who = roles.isEmpty()
                ? "no role may call it"
                : "allowed roles: " + roles.stream().map(Role::wire).sorted().collect(Collectors.joining(", "));
        return Optional.of(Refusal.of(
                AuthFailure.ROLE_NOT_ALLOWED,
                "Role " + role.wire() + " may not call " + method + " " + path + "; " + who + "."));
    }

    private static Rule rule(String method, String pattern, Role... roles) {
        return new Rule(method, pattern, EnumSet.copyOf(List.of(roles)));
    }

    static boolean matches(String pattern, String path) {
        return matches(pattern.split("/"), path.split("/"));
    }

    private static boolean matches(String[] p, String[] s) {
        for (int i = 0; i < p.length; i++) {
            if (p[i].equals("**")) {
                return true;
            }
            if (i >= s.length) {
                return false;
            }
            boolean variable = p[i].startsWith("{") && p[i].endsWith("}");
            if (variable ? s[i].isEmpty() : !p[i].equals(s[i])) {
                return false;
            }
        }
        return p.length == s.length;
    }
}
