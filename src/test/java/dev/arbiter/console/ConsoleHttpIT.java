package dev.arbiter.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.ArbiterIT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The console's protections over plain HTTP: CSRF refuses a POST without its token, every page
 * carries the Content-Security-Policy (no inline script or style) and refuses framing, the
 * session cookie is HttpOnly and SameSite=Lax; and the signed API is untouched by any of it.
 */
@ArbiterIT
class ConsoleHttpIT {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder to(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefused() throws Exception {
        var answer = send(to("/console/sign-in")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=whatever")));
        assertThat(answer.statusCode()).isEqualTo(403);

        var signOut = send(to("/console/sign-out").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(signOut.statusCode()).isEqualTo(403);
    }

    @Test
    void pagesCarryTheContentSecurityPolicyAndRefuseFraming() throws Exception {
        var page = send(to("/console/sign-in").GET());
        assertThat(page.statusCode()).isEqualTo(200);
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp)
                .contains("default-src 'self'")
                .contains("script-src 'self'")
                .contains("style-src 'self'")
                .contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline")
                .doesNotContain("unsafe-eval");
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.body()).doesNotContain("<script>").doesNotContain("style=");

        List<String> cookies = page.headers().allValues("Set-Cookie");
        assertThat(cookies)
                .anySatisfy(cookie -> assertThat(cookie)
                        .startsWith("ARBITER_CONSOLE=")
                        .contains("HttpOnly")
                        .containsIgnoringCase("SameSite=Lax"));
    }

    @Test
    void aSignedOutVisitorIsRedirectedToSignIn() throws Exception {
        var answer = send(to("/console").GET());
        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location").orElseThrow()).endsWith("/console/sign-in");
    }

    @Test
    void theSignedApiGetsNoneOfIt() throws Exception {
        var answer = send(to("/v1/decisions").GET());
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(answer.headers().map().keySet())
                .map(String::toLowerCase)
                .doesNotContain("set-cookie", "content-security-policy", "x-frame-options");
        assertThat(answer.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void htmxComesFromTheJar() throws Exception {
        var answer = send(to("/webjars/htmx.org/dist/htmx.min.js").GET());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("htmx");
    }
}
