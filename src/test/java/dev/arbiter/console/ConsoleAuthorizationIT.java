package dev.arbiter.console;

import static dev.arbiter.ApplicationFixture.steadyEmployedRenter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.ArbiterIT;
import dev.arbiter.Http;
import dev.arbiter.security.Authorization;
import dev.arbiter.security.People;
import dev.arbiter.security.Role;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every console page a browser can GET, with a person of each of the six roles, over plain HTTP
 * (session cookie and CSRF as a browser sends them): 200 exactly for the roles that may call the
 * {@code /v1} endpoint the page mirrors (as {@link Authorization} lists them), a 403 page for
 * every other role, a redirect to sign-in when signed out. The routes come from Spring's own
 * handler mapping, so a page added without a row in {@link #MIRRORS} fails here, and a page
 * whose {@code @PreAuthorize} is wider (or narrower) than its API fails here too.
 */
@ArbiterIT
class ConsoleAuthorizationIT {

    /** What a console page shows, as the API call that shows the same (or does the same). */
    private record Mirror(String method, String apiPath, Set<Role> narrowedTo) {
        static final Mirror ANY_PERSON = new Mirror(null, null);

        Mirror(String method, String apiPath) {
            this(method, apiPath, EnumSet.allOf(Role.class));
        }

        Set<Role> allowed() {
            Set<Role> roles =
                    EnumSet.copyOf(method == null ? EnumSet.allOf(Role.class) : Authorization.allowed(method, apiPath));
            roles.retainAll(narrowedTo);
            return roles;
        }
    }

    /**
     * Console GET route (Spring's pattern) to the API endpoint it mirrors. A prefix ending in
     * {@code /**} covers every route under it. {@code /console/sign-in} is public and checked
     * apart.
     */
    private static final Map<String, Mirror> MIRRORS = new LinkedHashMap<>();

    static {
        MIRRORS.put("/console", Mirror.ANY_PERSON);
        MIRRORS.put("/console/password", Mirror.ANY_PERSON);
        MIRRORS.put("/console/decisions", new Mirror("GET", "/v1/decisions"));
        MIRRORS.put("/console/decisions/export", new Mirror("GET", "/v1/decisions"));
        MIRRORS.put("/console/decisions/{id}", new Mirror("GET", "/v1/decisions/{id}"));
        MIRRORS.put("/console/decisions/{id}/adverse-action", new Mirror("GET", "/v1/decisions/{id}/adverse-action"));
        MIRRORS.put("/console/reviews", new Mirror("GET", "/v1/reviews"));
        MIRRORS.put("/console/reviews/{id}", new Mirror("GET", "/v1/reviews/{id}"));
        MIRRORS.put("/console/audit", new Mirror("GET", "/v1/audit/verify"));
        MIRRORS.put("/console/rules", new Mirror("GET", "/v1/rulesets"));
        MIRRORS.put("/console/rules/versions/{version}", new Mirror("GET", "/v1/rulesets/{version}"));
        MIRRORS.put("/console/rules/versions/{version}/download", new Mirror("GET", "/v1/rulesets/{version}"));
        MIRRORS.put("/console/rules/diff", new Mirror("GET", "/v1/rulesets/{version}"));
        // the editor starts a draft from the version shown: as uploading one
        MIRRORS.put("/console/rules/versions/{version}/edit", new Mirror("POST", "/v1/rulesets"));
        MIRRORS.put("/console/rules/versions/{version}/cases", new Mirror("POST", "/v1/rulesets/{version}/test"));
        MIRRORS.put(
                "/console/rules/versions/{version}/backtest", new Mirror("POST", "/v1/rulesets/{version}/simulate"));
        MIRRORS.put(
                "/console/rules/versions/{version}/activate", new Mirror("POST", "/v1/rulesets/{version}/activate"));
        MIRRORS.put("/console/rules/coverage", new Mirror("GET", "/v1/reports/rules"));
        MIRRORS.put("/console/rules/shadow", new Mirror("GET", "/v1/reports/shadow"));
        MIRRORS.put("/console/fairness", new Mirror("GET", "/v1/reports/fairness"));
        MIRRORS.put("/console/fairness/alternatives", new Mirror("POST", "/v1/reports/fairness/alternatives"));
        MIRRORS.put("/console/admin/**", new Mirror("GET", "/v1/admin/clients"));
        // the live page follows the feed of GET /v1/stream; the stream's subscribers are auditors and
        // reviewers (an originator's connection decides, and the console's feed never decides)
        MIRRORS.put("/console/live", new Mirror("GET", "/v1/stream", EnumSet.of(Role.AUDITOR, Role.REVIEWER)));
    }

    /**
     * Routes whose API answers an allowed role with "not found" rather than the page when the
     * resource is not theirs: an originator reads only decisions it made, and the decision seeded
     * here was made by a signed client, not by the originator signed in.
     */
    /** Routes that send an allowed role on to another page of theirs (an index to its first screen). */
    private static final Map<String, String> REDIRECTS = Map.of("/console/admin", "/console/admin/people");

    private static final Map<String, Set<Role>> NOT_THEIRS =
            Map.of("/console/decisions/{id}", EnumSet.of(Role.ORIGINATOR));

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    People people;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /** Every console route that answers GET, as Spring's patterns. */
    private List<String> consoleGetRoutes() {
        Set<String> routes = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            if (!methods.isEmpty() && !methods.contains(RequestMethod.GET)) {
                return;
            }
            for (String pattern : info.getPatternValues()) {
                if (pattern.equals("/console") || pattern.startsWith("/console/")) {
                    routes.add(pattern);
                }
            }
        });
        return new ArrayList<>(routes);
    }

    private static Mirror mirrorOf(String route) {
        Mirror exact = MIRRORS.get(route);
        if (exact != null) {
            return exact;
        }
        return MIRRORS.entrySet().stream()
                .filter(e -> e.getKey().endsWith("/**")
                        && route.startsWith(e.getKey().substring(0, e.getKey().length() - 3)))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    /** One browser-like client: its own cookies, no redirects followed. */
    private final class Visitor {
        final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();

        HttpResponse<String> get(String pathAndQuery) throws Exception {
            return http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        Visitor signIn(String userName, String password) throws Exception {
            String form = get("/console/sign-in").body();
            Matcher csrf =
                    Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(form);
            assertThat(csrf.find())
                    .as("the sign-in form carries its CSRF token")
                    .isTrue();
            String body = "username=" + enc(userName) + "&password=" + enc(password) + "&_csrf=" + enc(csrf.group(1));
            var answer = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/console/sign-in"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as("sign-in of " + userName).isEqualTo(302);
            assertThat(answer.headers().firstValue("Location").orElseThrow())
                    .as("signed in, not sent back to the form")
                    .doesNotContain("sign-in");
            return this;
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private Visitor personOf(Role role) throws Exception {
        String name = role.wire() + "-authz-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + UUID.randomUUID();
        people.create(name, "Authorization " + role.wire(), role, password, false, "test");
        return new Visitor().signIn(name, password);
    }

    @Test
    void everyConsolePageOpensExactlyForTheRolesItsApiAllows() throws Exception {
        var decision = Http.to(context, "originator")
                .post("/v1/decisions", steadyEmployedRenter("authz-" + UUID.randomUUID()))
                .json();
        String id = decision.path("decisionId").asString();
        String version = decision.path("rulesetVersion").asString();
        assertThat(id).as("a decision id: " + decision).isNotBlank();
        assertThat(version).isNotBlank();

        List<String> routes = consoleGetRoutes();
        assertThat(routes).as("the console's routes").contains("/console", "/console/decisions", "/console/fairness");
        List<String> unmapped = routes.stream()
                .filter(r -> !r.equals("/console/sign-in") && mirrorOf(r) == null)
                .toList();
        assertThat(unmapped)
                .as("console routes with no row in MIRRORS (name the /v1 endpoint each one mirrors)")
                .isEmpty();

        Map<Role, Visitor> visitors = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            visitors.put(role, personOf(role));
        }
        Visitor signedOut = new Visitor();

        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (String route : routes) {
            String url = route.replace("{id}", id).replace("{version}", version) + query(route, version);
            if (route.equals("/console/sign-in")) {
                assertThat(signedOut.get(url).statusCode()).isEqualTo(200);
                continue;
            }
            Set<Role> allowed = mirrorOf(route).allowed();
            var out = signedOut.get(url);
            if (out.statusCode() != 302
                    || !out.headers().firstValue("Location").orElse("").endsWith("/console/sign-in")) {
                wrong.add("signed out " + url + ": " + out.statusCode() + " "
                        + out.headers().firstValue("Location"));
            }
            for (Role role : Role.values()) {
                var answer = visitors.get(role).get(url);
                checked++;
                int expected = !allowed.contains(role)
                        ? 403
                        : NOT_THEIRS.getOrDefault(route, Set.of()).contains(role)
                                ? 404
                                : REDIRECTS.containsKey(route) ? 302 : 200;
                String type = answer.headers().firstValue("Content-Type").orElse("");
                if (expected == 302
                        && !answer.headers().firstValue("Location").orElse("").endsWith(REDIRECTS.get(route))) {
                    wrong.add(role.wire() + " " + url + ": " + answer.statusCode() + " to "
                            + answer.headers().firstValue("Location") + ", expected 302 to " + REDIRECTS.get(route));
                } else if (answer.statusCode() != expected) {
                    wrong.add(role.wire() + " " + url + ": " + answer.statusCode() + ", expected " + expected
                            + " (API allows " + allowed + ")");
                } else if (expected == 403
                        && (!type.startsWith("text/html") || !answer.body().contains("<main"))) {
                    wrong.add(role.wire() + " " + url + ": 403 without the console's page (" + type + ")");
                }
            }
        }
        assertThat(wrong).as("answers that differ from the API's roles").isEmpty();
        assertThat(checked).isGreaterThanOrEqualTo(6 * 15);
    }

    /** Query parameters a route needs to render at all. */
    private static String query(String route, String version) {
        return switch (route) {
            case "/console/rules/diff" -> "?a=" + version + "&b=" + version;
            case "/console/rules/versions/{version}/download" -> "?path=parameters.json";
            default -> "";
        };
    }
}
