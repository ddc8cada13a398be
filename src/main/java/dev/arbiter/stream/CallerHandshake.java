package dev.arbiter.stream;

import dev.arbiter.security.Caller;
import dev.arbiter.security.SignedRequests;
import dev.arbiter.web.Problems;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import tools.jackson.databind.ObjectMapper;

/**
 * Carries the caller that {@link SignedRequests} authenticated from the upgrade request into
 * the WebSocket session. The upgrade is signed like any request (method GET, path
 * {@code /v1/stream}, empty body), so every refusal happened before this point, with the same
 * problem document as for any other request; an upgrade without a caller is refused here too.
 */
final class CallerHandshake implements HandshakeInterceptor {

    static final String CALLER = "dev.arbiter.stream.caller";

    private final ObjectMapper json;

    CallerHandshake(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public boolean beforeHandshake(
            ServerHttpRequest request,
            ServerHttpResponse response,
            WebSocketHandler handler,
            Map<String, Object> attributes) {
        Object caller = request instanceof ServletServerHttpRequest servlet
                ? servlet.getServletRequest().getAttribute(SignedRequests.CALLER)
                : null;
        if (!(caller instanceof Caller)) {
            response.setStatusCode(HttpStatus.UNAUTHORIZED);
            return false;
        }
        if (!"websocket".equalsIgnoreCase(request.getHeaders().getUpgrade())) {
            // a plain GET: answered with a problem document, as every refusal is, not the handshake's bare text
            ProblemDetail problem = Problems.UPGRADE_REQUIRED.detail("GET " + DecisionStream.PATH
                    + " is a WebSocket endpoint; send the upgrade request (Upgrade: websocket), signed as any request");
            problem.setInstance(URI.create(DecisionStream.PATH));
            response.setStatusCode(HttpStatus.UPGRADE_REQUIRED);
            response.getHeaders().set(HttpHeaders.UPGRADE, "websocket");
            response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            try {
                response.getBody().write(json.writeValueAsBytes(problem));
            } catch (IOException e) {
                // the client went away; nothing to answer
            }
            return false;
        }
        attributes.put(CALLER, caller);
        return true;
    }

    @Override
    public void afterHandshake(
            ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception exception) {}
}
