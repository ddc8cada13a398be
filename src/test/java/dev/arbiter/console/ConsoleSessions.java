package dev.arbiter.console;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Signs a person in to the console over plain HTTP, as a browser would, for tests that need a second session. */
public final class ConsoleSessions {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern COOKIE = Pattern.compile("ARBITER_CONSOLE=([^;]+)");

    private ConsoleSessions() {}

    /** Returns the {@code Cookie} header value of the signed-in session, {@code ARBITER_CONSOLE=...}. */
    public static String signIn(String base, String userName, String password) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        var form = http.send(
                HttpRequest.newBuilder(URI.create(base + "/console/sign-in"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher token = CSRF.matcher(form.body());
        if (!token.find()) {
            throw new IllegalStateException("the sign-in page has no CSRF field");
        }
        String cookie = cookie(form.headers().allValues("Set-Cookie"));
        String body = "username=" + enc(userName) + "&password=" + enc(password) + "&_csrf=" + enc(token.group(1));
        var answer = http.send(
                HttpRequest.newBuilder(URI.create(base + "/console/sign-in"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", cookie)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String location = answer.headers().firstValue("Location").orElse("");
        if (answer.statusCode() != 302 || location.contains("refused")) {
            throw new IllegalStateException(
                    "sign-in of " + userName + " refused: " + answer.statusCode() + " " + location);
        }
        List<String> renewed = answer.headers().allValues("Set-Cookie");
        return renewed.isEmpty() ? cookie : cookie(renewed);
    }

    private static final Pattern META_CSRF = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"");

    /** Signs the session out as its sign-out button does (with the page's CSRF token); returns the status. */
    public static int signOut(String base, String cookie) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        var home = http.send(
                HttpRequest.newBuilder(URI.create(base + "/console"))
                        .header("Cookie", cookie)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher token = META_CSRF.matcher(home.body());
        if (!token.find()) {
            throw new IllegalStateException("no CSRF meta tag on Home: " + home.statusCode());
        }
        return http.send(
                        HttpRequest.newBuilder(URI.create(base + "/console/sign-out"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .header("Cookie", cookie)
                                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + enc(token.group(1))))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    private static String cookie(List<String> setCookies) {
        for (String header : setCookies) {
            Matcher m = COOKIE.matcher(header);
            if (m.find()) {
                return "ARBITER_CONSOLE=" + m.group(1);
            }
        }
        throw new IllegalStateException("no session cookie in " + setCookies);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
