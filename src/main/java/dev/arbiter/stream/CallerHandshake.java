package dev.arbiter.stream;

import dev.arbiter.security.Caller;
import dev.arbiter.security.SignedRequests;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Carries the caller that {@link SignedRequests} authenticated from the upgrade request into
 * the WebSocket session. The upgrade is signed like any request (method GET, path
 * {@code /v1/stream}, empty body), so every refusal happened before this point, with the same
 * problem document as for any other request; an upgrade without a caller is refused here too.
 */
final class CallerHandshake implements HandshakeInterceptor {

    static final String CALLER = "dev.arbiter.stream.caller";

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) {
        Object caller = request instanceof ServletServerHttpRequest servlet
                ? servlet.getServletRequest().getAttribute(SignedRequests.CALLER) : null;
        if (!(caller instanceof Caller)) {
            response.setStatusCode(HttpStatus.UNAUTHORIZED);
            return false;
        }
        attributes.put(CALLER, caller);
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception exception) {
    }
}
