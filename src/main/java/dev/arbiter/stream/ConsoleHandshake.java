package dev.arbiter.stream;

import dev.arbiter.security.Caller;
import dev.arbiter.security.PersonAuthentication;
import dev.arbiter.security.Role;
import dev.arbiter.web.Problems;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.WebUtils;
import tools.jackson.databind.ObjectMapper;

/**
 * The upgrade of the console's live feed ({@code GET /console/stream}): a browser cannot set
 * headers on a WebSocket upgrade, so instead of a signature it carries the console's session
 * cookie. Because a browser sends that cookie with an upgrade that any site's page starts
 * (cross-site WebSocket hijacking), the upgrade must also come from a page of Arbiter's own
 * origin: an {@code Origin} header naming this scheme, host and port; without one, or with any
 * other, it is refused. The person's role must be one that may follow the feed (auditor,
 * reviewer, as on {@code /v1/stream}), and the connection only subscribes: a {@code decide}
 * is refused whatever the role. When the session ends (sign-out, idle timeout, a person disabled
 * or given another role), Tomcat closes the sockets opened under it with 1008 (policy violation):
 * the upgrade carried the signed-in principal, so the socket is bound to that session.
 */
final class ConsoleHandshake implements HandshakeInterceptor {

    static final String PATH = "/console/stream";
    /** A session attribute: this connection may subscribe and nothing else. */
    static final String SUBSCRIBE_ONLY = "dev.arbiter.stream.subscribeOnly";

    static final Set<Role> ROLES = Set.of(Role.AUDITOR, Role.REVIEWER);

    private final ObjectMapper json;

    ConsoleHandshake(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public boolean beforeHandshake(
            ServerHttpRequest request,
            ServerHttpResponse response,
            WebSocketHandler handler,
            Map<String, Object> attributes) {
        if (!"websocket".equalsIgnoreCase(request.getHeaders().getUpgrade())) {
            response.getHeaders().set(HttpHeaders.UPGRADE, "websocket");
            return refuse(
                    response,
                    Problems.UPGRADE_REQUIRED.detail("GET " + PATH + " is the console's live feed, a WebSocket; "
                            + "the console's live page opens it"));
        }
        String origin = request.getHeaders().getOrigin();
        if (origin == null || !WebUtils.isSameOrigin(request)) {
            return refuse(
                    response,
                    Problems.ORIGIN_NOT_ALLOWED.detail((origin == null
                                    ? "the upgrade names no Origin"
                                    : "Origin " + printable(origin) + " is not this Arbiter's")
                            + "; the live feed opens only from a console page of the same origin"));
        }
        Caller person = PersonAuthentication.current().orElse(null);
        if (person == null) {
            return refuse(
                    response,
                    Problems.CONSOLE_SESSION_REQUIRED.detail("no person is signed in to the console with this "
                            + "upgrade; sign in at /console/sign-in (a server client signs GET /v1/stream instead)"));
        }
        if (!ROLES.contains(person.role())) {
            return refuse(
                    response,
                    Problems.ROLE_NOT_ALLOWED.detail("Role " + person.role().wire() + " may not follow the live "
                            + "feed; allowed roles: auditor, reviewer."));
        }
        attributes.put(CallerHandshake.CALLER, person);
        attributes.put(SUBSCRIBE_ONLY, Boolean.TRUE);
        return true;
    }

    private boolean refuse(ServerHttpResponse response, ProblemDetail problem) {
        problem.setInstance(URI.create(PATH));
        response.setStatusCode(HttpStatus.valueOf(problem.getStatus()));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        try {
            response.getBody().write(json.writeValueAsBytes(problem));
        } catch (IOException e) {
            // the client went away; nothing to answer
        }
        return false;
    }

    private static String printable(String text) {
        String cut = text.length() > 100 ? text.substring(0, 100) + "..." : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    @Override
    public void afterHandshake(
            ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception exception) {}
}
